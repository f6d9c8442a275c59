using System.Globalization;

namespace LoadHarness.Reporting.Charts;

/// <summary>The look every chart shares: DejaVu Sans, invariant tick labels, the report's colours (#RRGGBB).</summary>
internal static class ChartStyle
{
    public const string FontName = "DejaVu Sans";

    public const string Ok = "#2CA02C";
    public const string Fail = "#D62728";
    public const string Planned = "#7F7F7F";
    public const string Warning = "#FF7F0E";

    private static readonly string[] Palette =
    [
        "#1F77B4", "#FF7F0E", "#9467BD", "#8C564B", "#E377C2", "#17BECF", "#BCBD22", "#2CA02C",
    ];

    public static string Series(int index) => Palette[index % Palette.Length];

    /// <summary>A tick label in the invariant culture, never a comma decimal.</summary>
    public static string Tick(double value) =>
        Math.Abs(value) >= 10_000 ? value.ToString("#,0", CultureInfo.InvariantCulture)
        : value != 0 && Math.Abs(value) < 0.001 ? value.ToString("0.###E+0", CultureInfo.InvariantCulture)
        : value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>An axis from zero to a little above the data (room for the legend), whatever the data.</summary>
    public static void FromZero(ChartAxis axis, IEnumerable<double> values)
    {
        var max = values.Where(double.IsFinite).DefaultIfEmpty(0).Max();
        axis.Min = 0;
        axis.Max = max <= 0 ? 1 : max * 1.3;
    }
}
