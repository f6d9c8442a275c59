namespace LoadHarness.Core.Results;

/// <summary>What was run: NBomber's TestSuite/TestName, the config file and a unique session id.</summary>
public sealed record TestInfo
{
    public required string TestSuite { get; init; }

    public required string TestName { get; init; }

    public required string SessionId { get; init; }

    /// <summary>Path of the config file as given, or null when the run was built in code.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Where the load went, by name (e.g. "api", "database"), as the command describes it with any secret removed.</summary>
    public IReadOnlyDictionary<string, string> Targets { get; init => field = value ?? new Dictionary<string, string>(); } = new Dictionary<string, string>();

    /// <summary>Free-form labels (e.g. "embedded" = "true", "migration" = "before").</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init => field = value ?? new Dictionary<string, string>(); } = new Dictionary<string, string>();
}

/// <summary>Where it ran: enough to tell two results apart when comparing builds.</summary>
public sealed record EnvironmentInfo
{
    public required string MachineName { get; init; }

    public required int ProcessorCount { get; init; }

    public required string OsDescription { get; init; }

    public required string DotnetVersion { get; init; }

    public required string HarnessVersion { get; init; }

    /// <summary>The git commit of the working directory when it is a repository, else null.</summary>
    public string? GitCommit { get; init; }

    /// <summary>
    /// CPU the LoadHarness process used during the load phase, in cores (CPU seconds ÷ wall seconds): near
    /// <see cref="ProcessorCount"/>, the generator — not the target — was the limit. Null where it was not measured.
    /// </summary>
    public double? GeneratorCpuCores { get; init; }

    /// <summary>
    /// CPU the whole machine used during the load phase, in cores (every process: LoadHarness, a target running on the
    /// same machine, and any neighbour). Minus <see cref="GeneratorCpuCores"/>, what else the machine was doing: compare
    /// notes when that differs between runs. Null where it was not measured (not Linux, older results).
    /// </summary>
    public double? MachineCpuCores { get; init; }

    public IReadOnlyDictionary<string, string> Settings { get; init => field = value ?? new Dictionary<string, string>(); } = new Dictionary<string, string>();
}
