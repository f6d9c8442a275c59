using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace LoadHarness.Reporting.Charts;

/// <summary>The look every chart shares: DejaVu Sans, invariant tick labels, the report's colours.</summary>
internal static class ChartStyle
{
    public const string FontName = "DejaVu Sans";

    public static readonly Color Ok = Color.FromHex("#2CA02C");
    public static readonly Color Fail = Color.FromHex("#D62728");
    public static readonly Color Planned = Color.FromHex("#7F7F7F");
    public static readonly Color Warning = Color.FromHex("#FF7F0E");

    private static readonly Color[] Palette =
    [
        Color.FromHex("#1F77B4"), Color.FromHex("#FF7F0E"), Color.FromHex("#9467BD"), Color.FromHex("#8C564B"),
        Color.FromHex("#E377C2"), Color.FromHex("#17BECF"), Color.FromHex("#BCBD22"), Color.FromHex("#2CA02C"),
    ];

    public static Color Series(int index) => Palette[index % Palette.Length];

    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(title, 15);
        plot.XLabel(xLabel, 13);
        plot.YLabel(yLabel, 13);
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { LabelFormatter = Tick };
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = Tick };
        return plot;
    }

    /// <summary>A tick label in the invariant culture, never a comma decimal.</summary>
    public static string Tick(double value) =>
        Math.Abs(value) >= 10_000 ? value.ToString("#,0", CultureInfo.InvariantCulture)
        : value.ToString("0.###", CultureInfo.InvariantCulture);

    public static void Legend(Plot plot) => plot.ShowLegend(Alignment.UpperLeft);

    /// <summary>A y axis from zero to a little above the data (room for the legend), whatever the data.</summary>
    public static void FromZero(Plot plot, IEnumerable<double> values)
    {
        var max = values.Where(double.IsFinite).DefaultIfEmpty(0).Max();
        plot.Axes.SetLimitsY(0, max <= 0 ? 1 : max * 1.3);
    }
}
