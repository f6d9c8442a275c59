namespace LoadHarness.Reporting;

/// <summary>What one writer of a <see cref="ReportWriterSet"/> did: the files it wrote, or the error that stopped it.</summary>
public sealed record ReportWriteOutcome(string Format, IReadOnlyList<string> Files, Exception? Error)
{
    public bool Succeeded => Error is null;

    public override string ToString() =>
        Succeeded
            ? $"{Format}: {string.Join(", ", Files.Select(Path.GetFileName))}"
            : $"{Format}: failed ({Error!.GetType().Name}: {Error.Message})";
}
