using System.Globalization;
using LoadHarness.Reporting.Csv;
using LoadHarness.Reporting.Tests.Fixtures;

namespace LoadHarness.Reporting.Tests;

public sealed class CsvReportTests
{
    [Fact]
    public async Task One_row_per_scenario_and_step_with_invariant_numbers()
    {
        using var folder = new TempFolder("csv");
        var result = Runs.Mixed(seconds: 6);
        IReadOnlyList<string> files;
        using (new CultureScope("de-DE"))
        {
            files = await new CsvReportWriter().WriteAsync(result, folder.Path, CancellationToken.None);
        }

        var lines = (await File.ReadAllLinesAsync(Assert.Single(files))).ToList();
        var header = lines[0].Split(',');
        Assert.Equal(1 + result.Scenarios.Sum(s => 1 + s.Steps.Count), lines.Count);
        Assert.Contains("p95_ms", header);
        Assert.Contains("error_rate", header);

        var p95 = Array.IndexOf(header, "p95_ms");
        var requests = Array.IndexOf(header, "requests");
        var step = Array.IndexOf(header, "step");
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        var expected = result.Scenarios.SelectMany(s => s.Steps.Select(st => st.Stats).Prepend(s.Stats)).ToList();
        foreach (var (row, stats) in rows.Zip(expected))
        {
            Assert.Equal(header.Length, row.Length);
            Assert.Equal(stats.RequestCount, long.Parse(row[requests], CultureInfo.InvariantCulture));
            if (stats.RequestCount > 0)
            {
                Assert.Equal(stats.Latency.P95Ms, double.Parse(row[p95], CultureInfo.InvariantCulture), 6);
                Assert.Contains('.', row[p95]);
            }
        }

        var errors = Array.IndexOf(header, "errors");
        var ordersErrors = result.Scenarios[0].Steps.Single(s => s.Name == "get_orders").Stats.Errors.Single();
        Assert.Equal($"{ordersErrors.Kind}:{ordersErrors.Count}", rows.Single(r => r[step] == "get_orders")[errors]);
    }

    [Fact]
    public void Cells_with_commas_or_quotes_are_quoted()
    {
        var result = Runs.Mixed(seconds: 3);
        var scenario = result.Scenarios[0] with { Name = "orders, \"hot\"" };
        var csv = CsvReportWriter.Render(result with { Scenarios = [scenario] });

        Assert.Contains("\"orders, \"\"hot\"\"\"", csv, StringComparison.Ordinal);
    }
}
