using System.Globalization;
using LoadHarness.Core.Execution;

namespace LoadHarness.Cli.Output;

/// <summary>The pieces of a progress line or row, formatted invariantly (ms for latency).</summary>
internal static class ProgressText
{
    public static string Clock(TimeSpan t) =>
        t.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes:00}:{t.Seconds:00}");

    public static string Load(ScenarioSnapshot s, bool open) =>
        open
            ? string.Create(CultureInfo.InvariantCulture, $"rate {s.PlannedLoad:0.#}/s busy {s.ActiveVUs}")
            : string.Create(CultureInfo.InvariantCulture, $"VUs {s.ActiveVUs}/{s.PlannedLoad:0}");

    public static string Ms(double ms) => ms.ToString(ms < 10 ? "0.00" : ms < 100 ? "0.0" : "0", CultureInfo.InvariantCulture);

    public static string Percent(double rate) => (rate * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    public static string Number(double value) => value.ToString(value < 100 ? "0.0" : "0", CultureInfo.InvariantCulture);

    /// <summary>"ok", or the crossed thresholds of this scenario (and the global ones), judged on statistics so far.</summary>
    public static string Thresholds(RunSnapshot snapshot, string scenario, bool compact = false)
    {
        var mine = snapshot.Thresholds.Where(t => t.Scenario is null || t.Scenario == scenario).ToArray();
        if (mine.Length == 0)
        {
            return "-";
        }

        var failing = mine.Where(t => !t.Passing && !t.NoData).ToArray();
        var waiting = mine.Count(t => t.NoData);
        return failing.Length == 0
            ? waiting == 0 ? $"✓ {mine.Length}/{mine.Length}" : $"✓ {mine.Length - waiting}/{mine.Length}, {waiting} without data yet"
            : compact ? $"✗ {failing.Length}/{mine.Length} failing"
            : $"✗ {string.Join("; ", failing.Select(t => (t.Step is null ? "" : t.Step + ": ") + t.Expression))}";
    }
}
