namespace LoadHarness.Cli.Configuration;

/// <summary>Collects every problem of a configuration (never stops at the first), attaching the JSON line when known.</summary>
public sealed class ConfigProblems
{
    private readonly List<ConfigProblem> problems = [];
    private readonly JsonLineMap? lines;

    public ConfigProblems(JsonLineMap? lines = null)
    {
        this.lines = lines;
    }

    public IReadOnlyList<ConfigProblem> All => problems;

    public int Count => problems.Count;

    public void Add(string path, string message) => problems.Add(new ConfigProblem(path, message, lines?.LineOf(path)));

    public void Add(ConfigProblem problem) => problems.Add(problem);
}
