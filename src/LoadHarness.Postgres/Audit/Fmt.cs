using System.Globalization;

namespace LoadHarness.Postgres.Audit;

/// <summary>Invariant-culture formatting for the audit's words.</summary>
internal static class Fmt
{
    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>12,345.</summary>
    public static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>12,345 (rounded).</summary>
    public static string Count(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>85 % or 98.63 %: two decimals from 90 % on, where the targets (95 %, 99 %) are, so a miss never reads as "99 %, target > 99 %".</summary>
    public static string Percent(double value) => value.ToString(value is >= 90 and < 100 ? "0.##" : "0", CultureInfo.InvariantCulture) + " %";

    public static string Ms(double value) => value.ToString(value < 1 ? "0.###" : value < 100 ? "0.##" : "0.#", CultureInfo.InvariantCulture) + " ms";

    public static string Bytes(long bytes)
    {
        string[] units = ["B", "kB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString(unit == 0 ? "0" : "0.#", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
