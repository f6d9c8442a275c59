namespace LoadHarness.Cli.Configuration;

/// <summary>The keys of nbomber-config.json: NBomber's, plus ours (Stages, ThinkTime, GracefulStop, MaxVUs, Thresholds, RequestTimeout, Target, Http, Queries).</summary>
public static class ConfigSchema
{
    public static readonly IReadOnlyList<string> SimulationKinds =
    [
        "RampingConstant", "KeepConstant", "IterationsForConstant", "RampingInject", "Inject", "InjectRandom", "IterationsForInject", "Pause",
    ];

    public static readonly IReadOnlyList<string> NBomberThresholdKinds = ["OkRequest", "FailRequest", "OkLatency", "FailLatency", "StatusCode"];

    /// <summary>bench-queries' section: [{ Name, Sql, Parameters: [{ Name, From }], Target, Runs, Role, Settings, RlsTarget }].</summary>
    public static KeySchema Queries { get; } = KeySchema.ArrayOf(KeySchema.Object(
        ("Name", KeySchema.Scalar),
        ("Sql", KeySchema.Scalar),
        ("Parameters", KeySchema.ArrayOf(KeySchema.Object(("Name", KeySchema.Scalar), ("From", KeySchema.Scalar)))),
        ("Target", KeySchema.Scalar),
        ("Runs", KeySchema.Scalar),
        ("Role", KeySchema.Scalar),
        ("Settings", KeySchema.Any),
        ("RlsTarget", KeySchema.Scalar)));

    /// <summary>The whole file's schema; <paramref name="http"/> and <paramref name="sql"/> are the built-in scenarios' sections (any keys when null).</summary>
    public static KeySchema Root(KeySchema? http = null, KeySchema? sql = null)
    {
        var simulation = KeySchema.Object(SimulationKinds.Select(k => (k, KeySchema.ArrayOf(KeySchema.Scalar))).ToArray());
        var nbomberThreshold = KeySchema.Object(NBomberThresholdKinds.Select(k => (k, KeySchema.ArrayOf(KeySchema.Scalar))).ToArray());
        var threshold = KeySchema.Object(
            ("Expression", KeySchema.Scalar),
            ("Step", KeySchema.Scalar),
            ("AbortOnFail", KeySchema.Scalar),
            ("DelayAbortEval", KeySchema.Scalar));
        var scenario = KeySchema.Object(
            ("ScenarioName", KeySchema.Scalar),
            ("WarmUpDuration", KeySchema.Scalar),
            ("LoadSimulationsSettings", KeySchema.ArrayOf(simulation)),
            ("Stages", KeySchema.ArrayOf(KeySchema.Object(("Duration", KeySchema.Scalar), ("Target", KeySchema.Scalar)))),
            ("ThinkTime", KeySchema.Scalar),
            ("GracefulStop", KeySchema.Scalar),
            ("MaxVUs", KeySchema.Scalar),
            ("MaxFailCount", KeySchema.Scalar),
            ("RequestTimeout", KeySchema.Scalar),
            ("Thresholds", KeySchema.ArrayOf(threshold)),
            ("ThresholdSettings", KeySchema.ArrayOf(nbomberThreshold)),
            ("CustomSettings", KeySchema.Any),
            ("Http", http ?? KeySchema.Any),
            ("Sql", sql ?? KeySchema.Any));
        return KeySchema.Object(
            ("$schema", KeySchema.Scalar),
            ("TestSuite", KeySchema.Scalar),
            ("TestName", KeySchema.Scalar),
            ("TargetScenarios", KeySchema.ArrayOf(KeySchema.Scalar)),
            ("Target", KeySchema.Object(
                ("ApiBaseUrl", KeySchema.Scalar), ("ConnectionString", KeySchema.Scalar), ("MetricsUrl", KeySchema.Scalar), ("Metrics", KeySchema.ArrayOf(KeySchema.Scalar)))),
            ("Queries", Queries),
            ("Capacity", KeySchema.Any), // the `capacity` verb's section: read and key-checked by Cli/Commands/Capacity
            ("GlobalSettings", KeySchema.Object(
                ("ScenariosSettings", KeySchema.ArrayOf(scenario)),
                ("GlobalCustomSettings", KeySchema.Any),
                ("ReportFolder", KeySchema.Scalar),
                ("ReportFileName", KeySchema.Scalar),
                ("ReportFormats", KeySchema.ArrayOf(KeySchema.Scalar)),
                ("ReportingInterval", KeySchema.Scalar))));
    }
}
