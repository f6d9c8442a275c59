using System.Globalization;
using LoadHarness.Core.Results;

namespace LoadHarness.Core.Capacity;

/// <summary>How a capacity search raises the load, when it stops, and what it calls a generator limit or an error explosion.</summary>
public sealed record CapacitySearchOptions
{
    public const int DefaultMaxSteps = 30;
    public const double DefaultErrorExplosionRate = 0.5;
    public const double DefaultMaxStartLatenessMs = 100;
    public const double DefaultMaxDroppedShare = 0.01;

    /// <summary>Closed: the load is VUs. Open: the load is iterations per second.</summary>
    public required LoadModel Model { get; init; }

    /// <summary>What each ramp step adds (+N VUs or +R iterations/s).</summary>
    public required int Step { get; init; }

    /// <summary>The first step's load; null = <see cref="Step"/>.</summary>
    public int? Start { get; init; }

    /// <summary>The highest load the search may run (max VUs, or max iterations/s).</summary>
    public required int MaxLoad { get; init; }

    public LoadResolution Resolution { get; init; } = LoadResolution.Percent(5);

    /// <summary>Runs of any kind (ramp, confirmation, bisection) after which the search stops with what it knows.</summary>
    public int MaxSteps { get; init; } = DefaultMaxSteps;

    /// <summary>Run a load that crossed the gate once more before calling it failing (see <see cref="CapacitySearch"/>).</summary>
    public bool ConfirmFailures { get; init; } = true;

    /// <summary>The generator is the limit from this share of the machine's cores on.</summary>
    public double GeneratorCpuShare { get; init; } = GeneratorLoad.NearLimitShare;

    /// <summary>An error rate (0..1) from which errors "explode": the step is aborted and the search stops.</summary>
    public double ErrorExplosionRate { get; init; } = DefaultErrorExplosionRate;

    /// <summary>Open model: p95 start lateness (ms) beyond which the generator could not keep the schedule.</summary>
    public double MaxStartLatenessMs { get; init; } = DefaultMaxStartLatenessMs;

    /// <summary>Open model: share of dropped iterations (0..1) beyond which the load was not really offered.</summary>
    public double MaxDroppedShare { get; init; } = DefaultMaxDroppedShare;

    public int FirstLoad => Start ?? Step;

    /// <summary>Every problem (empty when valid), named by option.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Step < 1)
        {
            errors.Add(Invariant($"step must be at least 1 (got {Step})"));
        }

        if (Start is < 1)
        {
            errors.Add(Invariant($"start must be at least 1 (got {Start})"));
        }

        if (MaxLoad < FirstLoad)
        {
            errors.Add(Invariant($"the maximum load ({MaxLoad}) is below the first step ({FirstLoad})"));
        }

        if (MaxSteps < 1)
        {
            errors.Add(Invariant($"max steps must be at least 1 (got {MaxSteps})"));
        }

        if (!(GeneratorCpuShare > 0 && GeneratorCpuShare <= 1))
        {
            errors.Add(Invariant($"the generator CPU share must be in (0, 1] (got {GeneratorCpuShare})"));
        }

        if (!(ErrorExplosionRate > 0 && ErrorExplosionRate <= 1))
        {
            errors.Add(Invariant($"the error explosion rate must be in (0, 1] (got {ErrorExplosionRate})"));
        }

        if (!(MaxStartLatenessMs > 0) || !(MaxDroppedShare >= 0 && MaxDroppedShare < 1))
        {
            errors.Add(Invariant($"the start lateness limit must be positive and the dropped share in [0, 1) (got {MaxStartLatenessMs} ms, {MaxDroppedShare})"));
        }

        return errors;
    }

    /// <summary>"50 VUs" or "50 iterations/s".</summary>
    public string Describe(int load) => Describe(Model, load);

    public static string Describe(LoadModel model, int load) =>
        Invariant($"{load} {(model == LoadModel.Closed ? "VUs" : "iterations/s")}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
