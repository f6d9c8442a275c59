using System.Text;
using System.Xml;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Formatting;
using LoadHarness.Reporting.Writing;

namespace LoadHarness.Reporting.JUnit;

/// <summary>
/// junit.xml for CI: one testsuite per run, one testcase per threshold (classname = scenario[.step],
/// name = expression), a failure carrying the observed value; "no data" fails. Without thresholds,
/// one passing testcase per scenario.
/// </summary>
public sealed class JUnitReportWriter : IReportWriter
{
    public const string FileName = "junit.xml";

    public string Format => ReportFormats.JUnit;

    public Task<IReadOnlyList<string>> WriteAsync(RunResult result, string outputFolder, CancellationToken cancellationToken) =>
        AtomicFile.WriteReportAsync(result, outputFolder, FileName, Render, cancellationToken);

    public static string Render(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var cases = Cases(result);
        var failures = cases.Count(c => c.Failure is not null);
        var seconds = NumberText.Raw(Math.Max(0, result.DurationMs) / 1000);
        var suiteName = result.Test.TestSuite + "." + result.Test.TestName;

        var sb = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false };
        using (var sw = new Utf8StringWriter(sb))
        using (var xml = XmlWriter.Create(sw, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "LoadHarness");
            xml.WriteAttributeString("tests", NumberText.Raw(cases.Count));
            xml.WriteAttributeString("failures", NumberText.Raw(failures));
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("time", seconds);

            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", suiteName);
            xml.WriteAttributeString("tests", NumberText.Raw(cases.Count));
            xml.WriteAttributeString("failures", NumberText.Raw(failures));
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("skipped", "0");
            xml.WriteAttributeString("time", seconds);
            xml.WriteAttributeString("timestamp", result.StartedUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
            xml.WriteAttributeString("hostname", result.Environment.MachineName);

            xml.WriteStartElement("properties");
            Property(xml, "sessionId", result.Test.SessionId);
            Property(xml, "status", result.Status.ToString().ToLowerInvariant());
            Property(xml, "passed", result.Passed ? "true" : "false");
            if (result.StopReason is not null)
            {
                Property(xml, "stopReason", result.StopReason);
            }

            if (result.Environment.GitCommit is not null)
            {
                Property(xml, "gitCommit", result.Environment.GitCommit);
            }

            xml.WriteEndElement();

            foreach (var c in cases)
            {
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("classname", c.ClassName);
                xml.WriteAttributeString("name", c.Name);
                xml.WriteAttributeString("time", "0");
                if (c.Failure is not null)
                {
                    xml.WriteStartElement("failure");
                    xml.WriteAttributeString("message", c.Failure);
                    xml.WriteAttributeString("type", c.FailureType);
                    xml.WriteString(c.Failure);
                    xml.WriteEndElement();
                }
                else if (c.Output is not null)
                {
                    xml.WriteElementString("system-out", c.Output);
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return sb.Append('\n').ToString();
    }

    private static List<JUnitCase> Cases(RunResult result)
    {
        if (result.Thresholds.Count > 0)
        {
            return [.. result.Thresholds.Select(t => new JUnitCase(
                t.Scenario is null ? "all" : t.Step is null ? t.Scenario : t.Scenario + "." + t.Step,
                t.Expression,
                t.Passed && !t.NoData ? null : t.NoData ? $"{t.Metric}: no data, limit {t.Expression}" : t.Description,
                t.NoData ? "no-data" : "threshold",
                t.Description))];
        }

        return [.. result.Scenarios.Select(s => new JUnitCase(
            s.Name,
            "completed",
            null,
            "threshold",
            $"{NumberText.Count(s.Stats.RequestCount)} requests, {NumberText.Percent(s.Stats.ErrorRate)} failed, p95={NumberText.Ms(s.Stats.Latency.P95Ms)} ms"))];
    }

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", value);
        xml.WriteEndElement();
    }

    private sealed record JUnitCase(string ClassName, string Name, string? Failure, string FailureType, string? Output);

    private sealed class Utf8StringWriter(StringBuilder sb) : StringWriter(sb, System.Globalization.CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
