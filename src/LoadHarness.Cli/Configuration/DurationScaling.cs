using LoadHarness.Core.Load;
using LoadHarness.Core.Scenarios;

namespace LoadHarness.Cli.Configuration;

/// <summary>
/// <c>--duration-scale X</c>: multiplies every duration of a scenario's plan (each simulation's <c>during</c>, stages,
/// pauses, thresholds' delayAbortEval) by X. Rates keep their interval (so 10/s stays 10/s, just for less
/// time); think time, GracefulStop, RequestTimeout and the warm-up are not scaled: they describe the system (JIT,
/// connection pools and caches take as long to warm in a short run as in a long one), not the plan.
/// </summary>
public static class DurationScaling
{
    public static ScenarioDefinition Scale(ScenarioDefinition scenario, double factor)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (factor == 1)
        {
            return scenario;
        }

        if (!(factor > 0) || double.IsInfinity(factor))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), "duration scale must be a positive number");
        }

        return scenario with
        {
            LoadSimulations = scenario.LoadSimulations.Select(s => Scale(s, factor)).ToArray(),
            Thresholds = scenario.Thresholds.Select(t => t with { DelayAbortEval = Scale(t.DelayAbortEval, factor, allowZero: true) }).ToArray(),
        };
    }

    public static LoadSimulation Scale(LoadSimulation simulation, double factor) => simulation switch
    {
        RampingConstantSimulation s => s with { During = Scale(s.During, factor) },
        KeepConstantSimulation s => s with { During = Scale(s.During, factor) },
        RampingInjectSimulation s => s with { During = Scale(s.During, factor) },
        InjectSimulation s => s with { During = Scale(s.During, factor) },
        InjectRandomSimulation s => s with { During = Scale(s.During, factor) },
        PauseSimulation s => s with { During = Scale(s.During, factor) },
        _ => simulation, // iteration-bound simulations have no duration
    };

    /// <summary>Scaled to whole milliseconds, never below 1 ms (a positive duration stays positive).</summary>
    public static TimeSpan Scale(TimeSpan value, double factor, bool allowZero = false)
    {
        if (allowZero && value == TimeSpan.Zero)
        {
            return value;
        }

        return TimeSpan.FromMilliseconds(Math.Max(1, Math.Round(value.TotalMilliseconds * factor)));
    }
}
