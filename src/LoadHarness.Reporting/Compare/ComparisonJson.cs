using System.Text;
using System.Text.Json;
using LoadHarness.Reporting.Formatting;

namespace LoadHarness.Reporting.Compare;

/// <summary>compare.json: the whole comparison for machines (CI bots, dashboards). camelCase, invariant, NaN as null.</summary>
public static class ComparisonJson
{
    public const string FileName = "compare.json";

    public const int SchemaVersion = 1;

    public static string Serialize(BuildComparison c)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", SchemaVersion);
            w.WriteString("outcome", JsonNamingPolicy.CamelCase.ConvertName(c.Outcome.ToString()));
            w.WriteString("summary", ComparisonText.Summary(c));
            w.WriteStartObject("options");
            Number(w, "tolerancePercent", c.Options.TolerancePercent);
            Number(w, "minChangeMs", c.Options.MinChangeMs);
            Number(w, "minErrorPoints", c.Options.MinErrorPoints);
            Number(w, "minRps", c.Options.MinRps);
            Number(w, "confidence", c.Options.Confidence);
            w.WriteNumber("resamples", c.Options.Resamples);
            w.WriteString("method", BuildComparison.Method);
            w.WriteEndObject();
            Runs(w, "baselines", c.Baselines);
            Runs(w, "candidates", c.Candidates);
            Strings(w, "notComparable", c.NotComparable);
            Strings(w, "notes", c.Notes);
            w.WriteStartArray("metrics");
            foreach (var m in c.Metrics)
            {
                Metric(w, m);
            }

            w.WriteEndArray();
            w.WriteStartArray("thresholds");
            foreach (var t in c.Thresholds)
            {
                w.WriteStartObject();
                w.WriteString("target", t.Target);
                w.WriteString("expression", t.Expression);
                w.WriteNumber("baselineHeld", t.BaselineHeld);
                w.WriteNumber("baselineRuns", t.BaselineRuns);
                w.WriteNumber("candidateHeld", t.CandidateHeld);
                w.WriteNumber("candidateRuns", t.CandidateRuns);
                w.WriteString("baselineObserved", t.BaselineObserved);
                w.WriteString("candidateObserved", t.CandidateObserved);
                w.WriteString("change", JsonNamingPolicy.CamelCase.ConvertName(t.Change.ToString()));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            Sections(w, c.Sections);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Metric(Utf8JsonWriter w, MetricComparison m)
    {
        w.WriteStartObject();
        w.WriteString("scenario", m.Scenario);
        w.WriteString("step", m.Step);
        w.WriteString("metric", m.Metric.Name);
        w.WriteString("unit", m.Metric.Unit);
        w.WriteBoolean("lowerIsBetter", m.Metric.LowerIsBetter);
        Number(w, "baseline", m.Baseline);
        Number(w, "candidate", m.Candidate);
        Number(w, "change", m.Change);
        Number(w, "changePercent", m.ChangePercent);
        Number(w, "floor", m.Floor);
        w.WriteString("floorSource", m.FloorSource);
        Number(w, "effect", m.Evidence.Effect);
        Number(w, "intervalLow", m.Evidence.Low);
        Number(w, "intervalHigh", m.Evidence.High);
        w.WriteString("intervalUnit", m.Metric.IntervalUnit);
        w.WriteNumber("pairedSeconds", m.Evidence.Pairs);
        w.WriteString("verdict", m.Verdict.ToString().ToLowerInvariant());
        w.WriteString("reason", m.Reason);
        w.WriteEndObject();
    }

    private static void Runs(Utf8JsonWriter w, string name, IReadOnlyList<ComparedRun> runs)
    {
        w.WriteStartArray(name);
        foreach (var run in runs)
        {
            w.WriteStartObject();
            w.WriteString("source", run.Source);
            w.WriteString("name", run.Name);
            w.WriteString("build", RunNames.Build(run.Result));
            w.WriteString("commit", run.Result.Environment.GitCommit);
            w.WriteString("sessionId", run.Result.Test.SessionId);
            w.WriteString("startedUtc", run.Result.StartedUtc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteBoolean("passed", run.Result.Passed);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Sections(Utf8JsonWriter w, IReadOnlyList<SectionComparison> sections)
    {
        w.WriteStartArray("sections");
        foreach (var section in sections)
        {
            w.WriteStartObject();
            w.WriteString("id", section.Id);
            w.WriteString("title", section.Title);
            Strings(w, "notes", section.Notes);
            w.WriteStartArray("tables");
            foreach (var table in section.Tables)
            {
                w.WriteStartObject();
                w.WriteString("title", table.Title);
                Strings(w, "columns", table.Columns);
                w.WriteStartArray("rows");
                foreach (var row in table.Rows)
                {
                    w.WriteStartObject();
                    w.WriteString("key", row.Key);
                    w.WriteBoolean("inBaseline", row.InBaseline);
                    w.WriteBoolean("inCandidate", row.InCandidate);
                    w.WriteStartArray("cells");
                    foreach (var cell in row.Cells)
                    {
                        w.WriteStartObject();
                        w.WriteString("baseline", cell.Baseline);
                        w.WriteString("candidate", cell.Candidate);
                        Number(w, "changePercent", cell.ChangePercent);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, Math.Round(v, 6));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
