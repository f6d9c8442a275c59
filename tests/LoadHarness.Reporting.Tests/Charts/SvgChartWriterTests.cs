using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Xml.Linq;
using LoadHarness.Reporting.Charts;
using LoadHarness.Reporting.Html;
using LoadHarness.Reporting.Markdown;
using LoadHarness.Reporting.Tests.Fixtures;

namespace LoadHarness.Reporting.Tests.Charts;

public sealed class SvgChartWriterTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Theory]
    [InlineData(0, 1, 7)]
    [InlineData(0, 130, 7)]
    [InlineData(0, 2.6, 6)]
    [InlineData(-3.3, 17.9, 8)]
    [InlineData(0.0001, 0.00042, 5)]
    [InlineData(0, 1_300_000, 7)]
    [InlineData(12.5, 13.75, 6)]
    public void Linear_ticks_are_1_2_or_5_times_a_power_of_ten_within_the_limits(double min, double max, int target)
    {
        var ticks = ChartScale.LinearTicks(min, max, target);

        Assert.InRange(ticks.Count, 3, target * 2 + 1);
        var step = ticks[1].Value - ticks[0].Value;
        var mantissa = step / Math.Pow(10, Math.Floor(Math.Log10(step) + 1e-9));
        Assert.Contains(Math.Round(mantissa, 6), new[] { 1.0, 2.0, 5.0 });
        Assert.All(ticks, t =>
        {
            Assert.InRange(t.Value, min - (step * 1e-6), max + (step * 1e-6));
            Assert.Equal(0, Math.Round(t.Value / step, 6) % 1);
            Assert.Matches(@"^-?\d{1,3}(,\d{3})*(\.\d+)?$", t.Label); // thousands separated by commas, never a comma decimal
        });
        Assert.Equal(ticks.Count, ticks.Select(t => t.Label).Distinct().Count());
    }

    [Fact]
    public void Tick_labels_are_invariant_whatever_the_culture()
    {
        using var culture = new CultureScope("de-DE");
        var labels = ChartScale.LinearTicks(0, 2.5, 6).Select(t => t.Label).ToList();

        Assert.Contains("0.5", labels);
        Assert.Contains("2.5", labels);
        Assert.Contains("10,000", ChartScale.LinearTicks(0, 40_000, 4).Select(t => t.Label));
    }

    [Fact]
    public void A_log_axis_places_1_ms_one_decade_left_of_10_ms_with_1_2_5_labels()
    {
        var spec = new ChartSpec("log", "latency (ms, log scale)", "requests");
        spec.X.Log = true;
        spec.X.Min = 0.05;
        spec.X.Max = 500;
        spec.Bars.Add(new ChartBars("api", [new ChartBar(0.9, 1.1, 5, "#1F77B4"), new ChartBar(9, 11, 7, "#1F77B4")]));

        var x = ChartScale.X(spec, 7);
        Assert.Equal(["0.05", "0.1", "0.2", "0.5", "1", "2", "5", "10", "20", "50", "100", "200", "500"], x.Ticks.Select(t => t.Label));
        Assert.Equal(0.25, x.Fraction(10) - x.Fraction(1), 9); // four decades across: one decade is a quarter
        Assert.Equal(x.Fraction(100) - x.Fraction(10), x.Fraction(10) - x.Fraction(1), 9);

        var doc = XDocument.Parse(SvgChartWriter.Write(spec, 760, 340, "c"));
        var at = doc.Descendants(Svg + "text").Where(t => t.Attribute("text-anchor")?.Value == "middle" && t.Attribute("y") is not null)
            .GroupBy(t => t.Value).ToDictionary(g => g.Key, g => double.Parse(g.First().Attribute("x")!.Value, CultureInfo.InvariantCulture));
        var decade = at["10"] - at["1"];
        Assert.True(decade > 100, $"one decade is {decade} px");
        Assert.InRange(at["100"] - at["10"], decade - 0.05, decade + 0.05);
        Assert.InRange(at["1"] - at["0.1"], decade - 0.05, decade + 0.05);
        Assert.InRange((at["2"] - at["1"]) / decade, Math.Log10(2) - 0.002, Math.Log10(2) + 0.002);
        Assert.InRange((at["5"] - at["1"]) / decade, Math.Log10(5) - 0.002, Math.Log10(5) + 0.002);
    }

    [Fact]
    public void The_output_is_standalone_XML_named_by_its_title_with_its_text_escaped()
    {
        var spec = Sample("Latency: <api> & \"more\"");

        var svg = SvgChartWriter.Write(spec, 760, 340, "chart-latency-api");
        var doc = XDocument.Parse(svg);

        var root = doc.Root!;
        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal("0 0 760 340", root.Attribute("viewBox")!.Value);
        Assert.Equal("img", root.Attribute("role")!.Value);
        Assert.Equal("Latency: <api> & \"more\"", root.Attribute("aria-label")!.Value);
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" ", svg, StringComparison.Ordinal);
        var texts = doc.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("Latency: <api> & \"more\"", texts);
        Assert.Contains("time (s)", texts);
        Assert.Contains("latency (ms)", texts);
        Assert.Contains("p95 & co", texts); // the legend
        Assert.True(doc.Descendants(Svg + "path").Count() >= 3);
    }

    [Fact]
    public void Ids_start_with_the_charts_prefix_so_several_charts_share_a_page()
    {
        var a = XDocument.Parse(SvgChartWriter.Write(Sample("a"), 760, 340, "chart-a"));
        var b = XDocument.Parse(SvgChartWriter.Write(Sample("b"), 760, 340, "chart-b"));

        var ids = a.Descendants().Concat(b.Descendants()).Select(e => e.Attribute("id")?.Value).OfType<string>().ToList();
        Assert.NotEmpty(ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(a.Descendants().Select(e => e.Attribute("id")?.Value).OfType<string>(), id => Assert.StartsWith("chart-a-", id, StringComparison.Ordinal));
        var references = a.Descendants().SelectMany(e => e.Attributes()).Select(x => x.Value)
            .Where(v => v.StartsWith("url(#", StringComparison.Ordinal)).Select(v => v[5..^1]).ToList();
        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.Contains(r, ids));
    }

    [Fact]
    public void Non_finite_and_empty_data_leave_no_NaN_or_Infinity_in_the_output()
    {
        var spec = new ChartSpec("gaps", "time (s)", "ms");
        spec.Add(new ChartLine("nan", [0, 1, 2, 3], [1, double.NaN, double.PositiveInfinity, 4], "#1F77B4"));
        spec.Add(new ChartLine("empty", [], [], "#FF7F0E"));
        spec.Add(new ChartLine("all nan", [double.NaN], [double.NaN], "#FF7F0E") { MarkerSize = 6 });
        spec.Bars.Add(new ChartBars("bars", [new ChartBar(0, 1, double.NaN, "#2CA02C"), new ChartBar(double.NegativeInfinity, 1, 3, "#2CA02C")]));
        spec.Rules.Add(new ChartRule(Vertical: true, double.NaN, "#D62728", "rule"));
        spec.Y.Max = double.NaN;

        var log = new ChartSpec("log of nothing", "ms (log)", "n");
        log.X.Log = true;
        log.Add(new ChartLine("zero", [0, -1], [1, 2], "#1F77B4"));

        var empty = new ChartSpec("nothing", "x", "y");

        foreach (var s in new[] { spec, log, empty })
        {
            var svg = SvgChartWriter.Write(s, 760, 340, "c");
            Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
            Assert.DoesNotContain("Infinity", svg, StringComparison.Ordinal);
            Assert.DoesNotContain("∞", svg, StringComparison.Ordinal);
            XDocument.Parse(svg);
        }

        // The gap splits the line: the finite points either side are drawn, not joined across the gap.
        var d = XDocument.Parse(SvgChartWriter.Write(spec, 760, 340, "c")).Descendants(Svg + "path")
            .Single(p => p.Attribute("stroke")?.Value == "#1F77B4" && p.Attribute("d")!.Value.Contains(" M", StringComparison.Ordinal)).Attribute("d")!.Value;
        Assert.DoesNotContain(" L", d, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_chart_of_a_report_renders_as_valid_SVG_without_NaN()
    {
        foreach (var result in new[] { Runs.Mixed(), Runs.Passing(), Runs.OneHour() })
        {
            foreach (var chart in ReportCharts.Build(result))
            {
                var svg = chart.ToInlineSvg();
                Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
                Assert.DoesNotContain("Infinity", svg, StringComparison.Ordinal);
                var doc = XDocument.Parse(svg);
                Assert.Equal(chart.Spec.Title, doc.Root!.Attribute("aria-label")!.Value);
            }
        }
    }

    [Fact]
    public void The_png_of_a_chart_is_still_drawn_by_ScottPlot()
    {
        var png = new ReportChart("chart-x", "x", "caption", Sample("x")).ToPng();

        Assert.True(png.Length > 1000);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    [Fact]
    public void The_default_formats_do_not_load_ScottPlot_or_SkiaSharp()
    {
        // In an isolated load context (this process may have loaded ScottPlot for another test): render index.html and
        // summary.md with SVG charts, then look at what that context loaded.
        var context = new IsolatedContext();
        try
        {
            var probe = context.LoadFromAssemblyPath(typeof(DefaultFormatsProbe).Assembly.Location)
                .GetType(typeof(DefaultFormatsProbe).FullName!, throwOnError: true)!
                .GetMethod(nameof(DefaultFormatsProbe.Render), BindingFlags.Public | BindingFlags.Static)!;
            var written = (int)probe.Invoke(null, null)!;

            Assert.True(written > 3, $"{written} files");
            var loaded = context.Assemblies.Select(a => a.GetName().Name).ToList();
            Assert.Contains("LoadHarness.Reporting", loaded);
            Assert.DoesNotContain(loaded, n => n!.StartsWith("ScottPlot", StringComparison.Ordinal) || n.Contains("Skia", StringComparison.Ordinal) || n.Contains("HarfBuzz", StringComparison.Ordinal));
        }
        finally
        {
            context.Unload();
        }
    }

    private static ChartSpec Sample(string title)
    {
        var spec = new ChartSpec(title, "time (s)", "latency (ms)");
        spec.Add(new ChartLine("p50", [1, 2, 3, 4], [3, 4, 3.5, 5], "#1F77B4"));
        spec.Add(new ChartLine("p95 & co", [1, 2, 3, 4], [9, 12, 10, 15], "#FF7F0E") { Dash = Dash.Dashed });
        spec.FromZero([15]);
        return spec;
    }

    /// <summary>Loads this test's assemblies and their dependencies afresh from the test folder; the framework from the default context.</summary>
    private sealed class IsolatedContext() : AssemblyLoadContext("svg-charts", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = Path.Combine(AppContext.BaseDirectory, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}

/// <summary>Writes the default formats' charts (index.html, summary.md with SVG files) of a run with every chart; called in an isolated load context.</summary>
public static class DefaultFormatsProbe
{
    public static int Render()
    {
        var result = Runs.Mixed();
        var html = HtmlReportWriter.Render(result);
        var folder = Path.Combine(Path.GetTempPath(), "svg-charts-probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = new MarkdownReportWriter().WriteAsync(result, folder, CancellationToken.None).GetAwaiter().GetResult();
            return html.Contains("<svg", StringComparison.Ordinal) ? files.Count : 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
