using System.Globalization;
using LoadHarness.Core.Results;

namespace LoadHarness.Reporting.Formatting;

/// <summary>How compare and trend name a run: its build label (<c>run --label</c>), its git commit, its start time.</summary>
public static class RunNames
{
    /// <summary>The key of <see cref="TestInfo.Labels"/> that <c>run --label</c> sets.</summary>
    public const string BuildLabel = "build";

    /// <summary>The key of <see cref="TestInfo.Labels"/> that <c>run --run-id</c> sets: the segments of one run share it.</summary>
    public const string RunIdLabel = "run.id";

    public static string? Build(RunResult result) =>
        result.Test.Labels.TryGetValue(BuildLabel, out var build) && !string.IsNullOrWhiteSpace(build) ? build : null;

    /// <summary>The first 7 characters of the git commit, or null.</summary>
    public static string? ShortCommit(RunResult result) =>
        result.Environment.GitCommit is { Length: > 0 } commit ? commit[..Math.Min(7, commit.Length)] : null;

    /// <summary>"v1.4.2 · 4c5307f · 2025-03-14 09:26Z", leaving out what the run does not have.</summary>
    public static string Of(RunResult result) =>
        string.Join(" · ", new[] { Build(result), ShortCommit(result), Started(result) }.Where(p => p is not null));

    /// <summary>"2025-03-14 09:26Z".</summary>
    public static string Started(RunResult result) =>
        result.StartedUtc.ToUniversalTime().ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
}
