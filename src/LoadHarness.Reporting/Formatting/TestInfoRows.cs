using LoadHarness.Core.Results;

namespace LoadHarness.Reporting.Formatting;

/// <summary>The "test info" key/value pairs every report shows, in one order.</summary>
internal static class TestInfoRows
{
    public static IReadOnlyList<(string Key, string Value)> Of(RunResult r)
    {
        var rows = new List<(string, string)>
        {
            ("Suite", r.Test.TestSuite),
            ("Test", r.Test.TestName),
            ("Session", r.Test.SessionId),
            ("Status", r.Status.ToString().ToLowerInvariant() + (r.StopReason is null ? string.Empty : " — " + r.StopReason)),
            ("Started", NumberText.Time(r.StartedUtc)),
            ("Ended", NumberText.Time(r.EndedUtc)),
            ("Duration", NumberText.Duration(r.DurationMs)),
            ("Segments", string.Join(", ", r.Segments)),
            ("Config", r.Test.ConfigPath ?? "(built in code)"),
            ("Git commit", r.Environment.GitCommit ?? "-"),
            ("Machine", r.Environment.MachineName),
            ("Cores", r.Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (".NET", r.Environment.DotnetVersion),
            ("OS", r.Environment.OsDescription),
            ("LoadHarness", r.Environment.HarnessVersion),
        };
        if (r.Environment.GeneratorCpuCores is { } cores)
        {
            rows.Add(("Generator CPU", GeneratorLoad.Describe(cores, r.Environment.ProcessorCount)));
        }

        if (r.Environment.MachineCpuCores is { } machine)
        {
            rows.Add(("Machine CPU", GeneratorLoad.Describe(machine, r.Environment.ProcessorCount) + " (every process, LoadHarness included)"));
        }

        rows.AddRange(r.Test.Targets.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => ("Target " + t.Key, t.Value)));
        rows.AddRange(r.Test.Labels.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => ("Label " + t.Key, t.Value)));
        rows.AddRange(r.Environment.Settings.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => ("Setting " + t.Key, t.Value)));
        return rows;
    }
}
