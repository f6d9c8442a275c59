namespace LoadHarness.Core.Capacity;

/// <summary>Why a capacity step runs: the upward ramp, a second run of a load that crossed the gate, or a bisection probe.</summary>
public enum StepPhase
{
    /// <summary>The load raised by one step (+N VUs or +R iterations/s).</summary>
    Ramp,

    /// <summary>The same load again, because its first run crossed the gate (see <see cref="CapacitySearch"/> on noise).</summary>
    Confirm,

    /// <summary>Halfway between the last good and the first failing load.</summary>
    Bisect,
}
