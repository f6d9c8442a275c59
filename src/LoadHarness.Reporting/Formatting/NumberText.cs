using System.Globalization;
using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;

namespace LoadHarness.Reporting.Formatting;

/// <summary>Number formatting for every report: invariant culture, never NaN or Infinity in the output.</summary>
public static class NumberText
{
    public const string Missing = "-";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A latency in ms with precision that fits its size: 0.123, 12.35, 612.4, 15300.</summary>
    public static string Ms(double value)
    {
        if (!double.IsFinite(value))
        {
            return Missing;
        }

        var abs = Math.Abs(value);
        var format = abs < 1 ? "0.###" : abs < 100 ? "0.##" : abs < 10_000 ? "0.#" : "0";
        return value.ToString(format, Inv);
    }

    /// <summary>A latency of a stats block: "-" when the block saw no requests (its zeros mean nothing).</summary>
    public static string Ms(Core.Results.StatsBlock stats, double value) => stats.RequestCount == 0 ? Missing : Ms(value);

    /// <summary>A count with thousands separators: 12,345.</summary>
    public static string Count(long value) => value.ToString("#,0", Inv);

    /// <summary>A per-second rate: 1,234.5.</summary>
    public static string Rate(double value) => double.IsFinite(value) ? value.ToString("#,0.#", Inv) : Missing;

    /// <summary>A fraction 0..1 as a percentage: 0.52 %.</summary>
    public static string Percent(double fraction) =>
        double.IsFinite(fraction) ? (fraction * 100).ToString("0.##", Inv) + " %" : Missing;

    /// <summary>A plain number for machine-read files (CSV, XML attributes): round-trippable, invariant.</summary>
    public static string Raw(double value) => double.IsFinite(value) ? value.ToString("0.######", Inv) : string.Empty;

    public static string Raw(long value) => value.ToString(Inv);

    /// <summary>Bytes in binary units: 512 B, 1.5 KiB, 12.3 MiB.</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? bytes.ToString(Inv) + " B" : value.ToString("0.#", Inv) + " " + units[unit];
    }

    /// <summary>A duration in ms as 850 ms, 12.5 s, 3m 05s, 1h 02m 03s.</summary>
    public static string Duration(double ms)
    {
        if (!double.IsFinite(ms) || ms < 0)
        {
            return Missing;
        }

        if (ms < 1000)
        {
            return ms.ToString("0", Inv) + " ms";
        }

        if (ms < 60_000)
        {
            return (ms / 1000).ToString("0.#", Inv) + " s";
        }

        var t = TimeSpan.FromMilliseconds(ms);
        return t.TotalHours >= 1
            ? string.Create(Inv, $"{(int)t.TotalHours}h {t.Minutes:00}m {t.Seconds:00}s")
            : string.Create(Inv, $"{t.Minutes}m {t.Seconds:00}s");
    }

    /// <summary>A UTC timestamp in ISO 8601: 2025-01-31 12:00:05Z.</summary>
    public static string Time(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", Inv);

    /// <summary>A threshold's observed value in its unit.</summary>
    public static string Observed(ThresholdOutcome outcome)
    {
        if (outcome.Observed is not { } v || !double.IsFinite(v))
        {
            return "no data";
        }

        return outcome.Unit switch
        {
            ThresholdUnit.Milliseconds => Ms(v) + " ms",
            ThresholdUnit.Fraction => Percent(v),
            ThresholdUnit.Percent => v.ToString("0.##", Inv) + " %",
            ThresholdUnit.PerSecond => Rate(v) + "/s",
            _ => v.ToString("0.###", Inv),
        };
    }
}
