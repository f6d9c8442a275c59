namespace LoadHarness.Cli.Configuration;

/// <summary>One problem of a configuration: where (its JSON path, and the file's line when known) and what is wrong.</summary>
public sealed record ConfigProblem(string Path, string Message, int? Line = null)
{
    public override string ToString() =>
        (Path.Length == 0 ? "" : Path) + (Line is { } line ? $" (line {line})" : "") + (Path.Length == 0 && Line is null ? "" : ": ") + Message;
}
