using LoadHarness.Core.Load;
using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;

namespace LoadHarness.Core.Scenarios;

/// <summary>An immutable scenario: the iteration, its hooks and its load. Every <c>With...</c> returns a copy.</summary>
public sealed record ScenarioDefinition
{
    public static readonly TimeSpan DefaultGracefulStop = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Cap on concurrently running iterations of the open model when <see cref="MaxVUs"/> is not set.</summary>
    public const int DefaultOpenModelMaxVUs = 10_000;

    private readonly Func<IScenarioContext, Task<Response>> run;

    internal ScenarioDefinition(string name, Func<IScenarioContext, Task<Response>> run)
    {
        Name = name;
        this.run = run;
    }

    public string Name { get; init; }

    /// <summary>One iteration. Replacing it (<c>with { Run = ... }</c>) also drops <see cref="RunValue"/>.</summary>
    public Func<IScenarioContext, Task<Response>> Run
    {
        get => run;
        init
        {
            run = value;
            RunValue = null;
        }
    }

    /// <summary>
    /// The same iteration as a pooled <see cref="ValueTask{TResult}"/> (built-in scenarios): the engine calls this when
    /// set, so an iteration allocates no <see cref="Task{TResult}"/> and no async box (<see cref="Scenario.CreatePooled"/>).
    /// </summary>
    internal Func<IScenarioContext, ValueTask<Response>>? RunValue { get; init; }

    /// <summary>
    /// The iterations never block a thread (no user code: the config's <c>Http</c> scenarios on the raw transport with
    /// inline completions): the closed model's think timer may resume many of its VUs in one work item
    /// (<see cref="Execution.ThinkTimer"/>). A scenario that runs user code must leave it false: a blocking call in one
    /// VU would delay the others resumed with it.
    /// </summary>
    public bool IterationsNeverBlock { get; init; }

    public Func<ScenarioInitContext, Task>? Init { get; init; }

    public Func<ScenarioInitContext, Task>? Clean { get; init; }

    /// <summary>Runs once per VU before its first iteration (e.g. log in); not recorded.</summary>
    public Func<IScenarioContext, Task>? VuInit { get; init; }

    /// <summary>Default: <c>KeepConstant(1, 1 min)</c>.</summary>
    public IReadOnlyList<LoadSimulation> LoadSimulations { get; init; } =
        [LoadSimulation.KeepConstant(1, TimeSpan.FromMinutes(1))];

    public TimeSpan ThinkTimeMin { get; init; }

    public TimeSpan ThinkTimeMax { get; init; }

    public TimeSpan WarmUpDuration { get; init; }

    /// <summary>Per request (a step, or the whole iteration when there are no steps). Default 60 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = DefaultRequestTimeout;

    /// <summary>Stop the scenario once more requests than this failed; 0 = no limit.</summary>
    public int MaxFailCount { get; init; }

    /// <summary>How long in-flight iterations may finish on ramp-down or stop (k6 gracefulRampDown/gracefulStop). Default 30 s.</summary>
    public TimeSpan GracefulStop { get; init; } = DefaultGracefulStop;

    /// <summary>Open model: cap on concurrently running iterations (default 10,000). Closed model: caps the planned VUs.</summary>
    public int? MaxVUs { get; init; }

    public IReadOnlyList<ThresholdDefinition> Thresholds { get; init; } = [];

    /// <summary>The model of the simulations (mixing is a validation error, see <see cref="LoadPlan.Validate"/>).</summary>
    public LoadModel Model => LoadPlan.ModelOf(LoadSimulations);

    public ScenarioDefinition WithInit(Func<ScenarioInitContext, Task> init) => this with { Init = init };

    public ScenarioDefinition WithClean(Func<ScenarioInitContext, Task> clean) => this with { Clean = clean };

    public ScenarioDefinition WithVuInit(Func<IScenarioContext, Task> vuInit) => this with { VuInit = vuInit };

    public ScenarioDefinition WithLoadSimulations(params LoadSimulation[] simulations) =>
        this with { LoadSimulations = simulations.ToArray() };

    public ScenarioDefinition WithThinkTime(TimeSpan thinkTime) => WithThinkTime(thinkTime, thinkTime);

    /// <summary>A uniform random think time in [min, max] after each iteration; never counted in latency.</summary>
    public ScenarioDefinition WithThinkTime(TimeSpan min, TimeSpan max)
    {
        if (min < TimeSpan.Zero || max < min)
        {
            throw new ArgumentOutOfRangeException(nameof(max), $"think time needs 0 <= min <= max (got {min}..{max})");
        }

        return this with { ThinkTimeMin = min, ThinkTimeMax = max };
    }

    public ScenarioDefinition WithWarmUpDuration(TimeSpan duration) => this with { WarmUpDuration = NonNegative(duration) };

    public ScenarioDefinition WithRequestTimeout(TimeSpan timeout) => this with { RequestTimeout = timeout };

    public ScenarioDefinition WithMaxFailCount(int maxFailCount) =>
        this with { MaxFailCount = maxFailCount >= 0 ? maxFailCount : throw new ArgumentOutOfRangeException(nameof(maxFailCount)) };

    public ScenarioDefinition WithGracefulStop(TimeSpan gracefulStop) => this with { GracefulStop = NonNegative(gracefulStop) };

    public ScenarioDefinition WithMaxVUs(int maxVUs) =>
        this with { MaxVUs = maxVUs > 0 ? maxVUs : throw new ArgumentOutOfRangeException(nameof(maxVUs)) };

    /// <summary>Thresholds of this scenario; a definition without a scenario is scoped to this one.</summary>
    public ScenarioDefinition WithThresholds(params ThresholdDefinition[] thresholds) =>
        this with { Thresholds = thresholds.Select(t => t.Scenario is null ? t with { Scenario = Name } : t).ToArray() };

    /// <summary>Every problem of this scenario (empty when valid), each prefixed by the scenario's name.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var error in LoadPlan.Validate(LoadSimulations))
        {
            errors.Add($"scenario '{Name}': {error}");
        }

        if (RequestTimeout <= TimeSpan.Zero && RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            errors.Add($"scenario '{Name}': RequestTimeout must be positive");
        }

        return errors;
    }

    private static TimeSpan NonNegative(TimeSpan value) =>
        value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), "must not be negative");
}
