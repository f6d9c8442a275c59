using System.Xml.Linq;
using LoadHarness.Reporting.JUnit;
using LoadHarness.Reporting.Tests.Fixtures;

namespace LoadHarness.Reporting.Tests;

public sealed class JUnitReportTests
{
    [Fact]
    public async Task One_testcase_per_threshold_and_a_failure_for_each_crossed_or_no_data_threshold()
    {
        using var folder = new TempFolder("junit");
        var result = Runs.Mixed(seconds: 8);
        var files = await new JUnitReportWriter().WriteAsync(result, folder.Path, CancellationToken.None);

        var doc = XDocument.Load(Assert.Single(files));
        var suite = Assert.Single(doc.Root!.Elements("testsuite"));
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal(result.Thresholds.Count, cases.Count);
        var expectedFailures = result.Thresholds.Count(t => !t.Passed || t.NoData);
        Assert.True(expectedFailures >= 2, "the fixture must cross a threshold and have one with no data");
        Assert.Equal(expectedFailures, cases.Count(c => c.Element("failure") is not null));
        Assert.Equal(expectedFailures.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)suite.Attribute("failures"));

        foreach (var (t, c) in result.Thresholds.Zip(cases))
        {
            Assert.Equal(t.Expression, (string?)c.Attribute("name"));
            Assert.Equal(t.Step is null ? t.Scenario : t.Scenario + "." + t.Step, (string?)c.Attribute("classname"));
            var failure = c.Element("failure");
            if (t.NoData)
            {
                Assert.Contains("no data", (string?)failure!.Attribute("message"), StringComparison.Ordinal);
            }
            else if (!t.Passed)
            {
                Assert.Equal(t.Description, (string?)failure!.Attribute("message"));
                Assert.Contains(t.Observed!.Value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture), t.Description, StringComparison.Ordinal);
            }
            else
            {
                Assert.Null(failure);
            }
        }
    }

    [Fact]
    public void Without_thresholds_each_scenario_is_a_passing_testcase()
    {
        var result = Runs.Mixed(seconds: 4) with { Thresholds = [] };

        var doc = XDocument.Parse(JUnitReportWriter.Render(result));

        var cases = doc.Descendants("testcase").ToList();
        Assert.Equal(result.Scenarios.Select(s => s.Name), cases.Select(c => (string?)c.Attribute("classname")));
        Assert.DoesNotContain(cases, c => c.Element("failure") is not null);
        Assert.Equal("0", (string?)doc.Root!.Attribute("failures"));
    }

    [Fact]
    public void Timestamps_and_times_do_not_follow_the_current_culture()
    {
        var result = Runs.Mixed(seconds: 4);
        string invariant;
        using (new CultureScope(""))
        {
            invariant = JUnitReportWriter.Render(result);
        }

        using (new CultureScope("de-DE"))
        {
            Assert.Equal(invariant, JUnitReportWriter.Render(result));
        }

        Assert.Contains("time=\"4\"", invariant, StringComparison.Ordinal);
    }
}
