using LoadHarness.Core.Results;

namespace LoadHarness.Reporting;

/// <summary>Renders one report format of a <see cref="RunResult"/> into a folder.</summary>
public interface IReportWriter
{
    /// <summary>The format's name as used in <c>ReportFormats</c> ("html", "md", "csv", "txt", "junit").</summary>
    string Format { get; }

    /// <summary>Writes the format's files (each atomically) and returns their full paths.</summary>
    Task<IReadOnlyList<string>> WriteAsync(RunResult result, string outputFolder, CancellationToken cancellationToken);
}
