using LoadHarness.Core.Results;

namespace LoadHarness.Core.Load;

/// <summary>
/// NBomber's load shapes as one closed set. Closed model (VUs loop): <see cref="RampingConstantSimulation"/>,
/// <see cref="KeepConstantSimulation"/>, <see cref="IterationsForConstantSimulation"/>. Open model (iterations
/// injected at a rate): <see cref="RampingInjectSimulation"/>, <see cref="InjectSimulation"/>,
/// <see cref="InjectRandomSimulation"/>, <see cref="IterationsForInjectSimulation"/>. <see cref="PauseSimulation"/> fits both.
/// </summary>
public abstract record LoadSimulation
{
    private protected LoadSimulation()
    {
    }

    /// <summary>Closed, open, or null for a pause (which fits either).</summary>
    public abstract LoadModel? Model { get; }

    /// <summary>Linear ramp of VUs from the previous level to <paramref name="copies"/> over <paramref name="during"/>.</summary>
    public static LoadSimulation RampingConstant(int copies, TimeSpan during) =>
        new RampingConstantSimulation(NonNegative(copies, nameof(copies)), Positive(during, nameof(during)));

    public static LoadSimulation KeepConstant(int copies, TimeSpan during) =>
        new KeepConstantSimulation(NonNegative(copies, nameof(copies)), Positive(during, nameof(during)));

    /// <summary>Linear ramp of the arrival rate (<paramref name="rate"/> iterations per <paramref name="interval"/>) from the previous rate.</summary>
    public static LoadSimulation RampingInject(int rate, TimeSpan interval, TimeSpan during) =>
        new RampingInjectSimulation(NonNegative(rate, nameof(rate)), Positive(interval, nameof(interval)), Positive(during, nameof(during)));

    /// <summary><paramref name="rate"/> iterations every <paramref name="interval"/>, for <paramref name="during"/>.</summary>
    public static LoadSimulation Inject(int rate, TimeSpan interval, TimeSpan during) =>
        new InjectSimulation(NonNegative(rate, nameof(rate)), Positive(interval, nameof(interval)), Positive(during, nameof(during)));

    /// <summary>A rate drawn uniformly in [min, max] for each interval (deterministic per plan seed).</summary>
    public static LoadSimulation InjectRandom(int minRate, int maxRate, TimeSpan interval, TimeSpan during)
    {
        NonNegative(minRate, nameof(minRate));
        if (maxRate < minRate)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRate), $"maxRate ({maxRate}) must be >= minRate ({minRate})");
        }

        return new InjectRandomSimulation(minRate, maxRate, Positive(interval, nameof(interval)), Positive(during, nameof(during)));
    }

    /// <summary><paramref name="copies"/> VUs share <paramref name="iterations"/> iterations (k6 shared-iterations).</summary>
    public static LoadSimulation IterationsForConstant(int copies, int iterations) =>
        new IterationsForConstantSimulation(Positive(copies, nameof(copies)), Positive(iterations, nameof(iterations)));

    /// <summary><paramref name="iterations"/> iterations injected at <paramref name="rate"/> per <paramref name="interval"/>.</summary>
    public static LoadSimulation IterationsForInject(int rate, TimeSpan interval, int iterations) =>
        new IterationsForInjectSimulation(Positive(rate, nameof(rate)), Positive(interval, nameof(interval)), Positive(iterations, nameof(iterations)));

    public static LoadSimulation Pause(TimeSpan during) => new PauseSimulation(Positive(during, nameof(during)));

    private static int NonNegative(int value, string name) =>
        value >= 0 ? value : throw new ArgumentOutOfRangeException(name, $"{name} must be >= 0 (got {value})");

    private static int Positive(int value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, $"{name} must be > 0 (got {value})");

    private static TimeSpan Positive(TimeSpan value, string name) =>
        value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, $"{name} must be positive (got {value})");
}

public sealed record RampingConstantSimulation(int Copies, TimeSpan During) : LoadSimulation
{
    public override LoadModel? Model => LoadModel.Closed;
}

public sealed record KeepConstantSimulation(int Copies, TimeSpan During) : LoadSimulation
{
    public override LoadModel? Model => LoadModel.Closed;
}

public sealed record IterationsForConstantSimulation(int Copies, int Iterations) : LoadSimulation
{
    public override LoadModel? Model => LoadModel.Closed;
}

public sealed record RampingInjectSimulation(int Rate, TimeSpan Interval, TimeSpan During) : LoadSimulation
{
    public override LoadModel? Model => LoadModel.Open;
}

public sealed record InjectSimulation(int Rate, TimeSpan Interval, TimeSpan During) : LoadSimulation
{
    public override LoadModel? Model => LoadModel.Open;
}

public sealed record InjectRandomSimulation(int MinRate, int MaxRate, TimeSpan Interval, TimeSpan During) : LoadSimulation
{
    public override LoadModel? Model => LoadModel.Open;
}

public sealed record IterationsForInjectSimulation(int Rate, TimeSpan Interval, int Iterations) : LoadSimulation
{
    public override LoadModel? Model => LoadModel.Open;
}

public sealed record PauseSimulation(TimeSpan During) : LoadSimulation
{
    public override LoadModel? Model => null;
}
