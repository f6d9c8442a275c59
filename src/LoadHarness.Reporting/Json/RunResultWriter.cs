using System.Text.Json;
using LoadHarness.Core.Results;

namespace LoadHarness.Reporting.Json;

/// <summary>
/// Writes result.json with <see cref="Utf8JsonWriter"/> directly: the same bytes as
/// <c>JsonSerializer.Serialize(result, RunResultJson.Options)</c> (a test compares them on a full run), without the
/// serializer's reflection. The serializer built converters, property accessors and their generic instantiations
/// for every type below on each run: ≈ 340 JIT-compiled methods, ≈ 0.18 s of CPU at the end of every
/// <c>loadharness run</c>. Reading result.json (compare, report, merge) still uses the serializer.
/// A property added to a result type must be added here too; the test fails until it is.
/// </summary>
internal static class RunResultWriter
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    public static void Write(Stream stream, RunResult r)
    {
        using var w = new Utf8JsonWriter(stream, Indented);
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", r.SchemaVersion);
        w.WritePropertyName("test");
        Test(w, r.Test);
        w.WritePropertyName("environment");
        Environment(w, r.Environment);
        w.WriteString("status", Camel(r.Status.ToString()));
        w.WriteString("stopReason", r.StopReason);
        w.WriteString("startedUtc", r.StartedUtc);
        w.WriteString("endedUtc", r.EndedUtc);
        Number(w, "durationMs", r.DurationMs);
        Strings(w, "segments", r.Segments);
        w.WriteStartArray("scenarios");
        foreach (var s in r.Scenarios)
        {
            Scenario(w, s);
        }

        w.WriteEndArray();
        w.WriteStartArray("thresholds");
        foreach (var t in r.Thresholds)
        {
            Threshold(w, t);
        }

        w.WriteEndArray();
        w.WriteStartArray("sections");
        foreach (var s in r.Sections)
        {
            Section(w, s);
        }

        w.WriteEndArray();
        w.WriteStartArray("measurements");
        foreach (var m in r.Measurements)
        {
            w.WriteStartObject();
            w.WriteString("name", m.Name);
            Number(w, "value", m.Value);
            w.WriteString("unit", Camel(m.Unit.ToString()));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("series");
        foreach (var s in r.Series)
        {
            Series(w, s);
        }

        w.WriteEndArray();
        w.WriteBoolean("passed", r.Passed);
        w.WriteEndObject();
    }

    private static void Test(Utf8JsonWriter w, TestInfo t)
    {
        w.WriteStartObject();
        w.WriteString("testSuite", t.TestSuite);
        w.WriteString("testName", t.TestName);
        w.WriteString("sessionId", t.SessionId);
        w.WriteString("configPath", t.ConfigPath);
        Map(w, "targets", t.Targets);
        Map(w, "labels", t.Labels);
        w.WriteEndObject();
    }

    private static void Environment(Utf8JsonWriter w, EnvironmentInfo e)
    {
        w.WriteStartObject();
        w.WriteString("machineName", e.MachineName);
        w.WriteNumber("processorCount", e.ProcessorCount);
        w.WriteString("osDescription", e.OsDescription);
        w.WriteString("dotnetVersion", e.DotnetVersion);
        w.WriteString("harnessVersion", e.HarnessVersion);
        w.WriteString("gitCommit", e.GitCommit);
        Number(w, "generatorCpuCores", e.GeneratorCpuCores);
        Number(w, "machineCpuCores", e.MachineCpuCores);

        Map(w, "settings", e.Settings);
        w.WriteEndObject();
    }

    private static void Scenario(Utf8JsonWriter w, ScenarioResult s)
    {
        w.WriteStartObject();
        w.WriteString("name", s.Name);
        w.WriteString("model", Camel(s.Model.ToString()));
        w.WritePropertyName("stats");
        Stats(w, s.Stats);
        w.WriteStartArray("steps");
        foreach (var step in s.Steps)
        {
            w.WriteStartObject();
            w.WriteString("name", step.Name);
            w.WritePropertyName("stats");
            Stats(w, step.Stats);
            Timeline(w, step.Timeline);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("iterations");
        w.WriteNumber("started", s.Iterations.Started);
        w.WriteNumber("completed", s.Iterations.Completed);
        w.WriteNumber("dropped", s.Iterations.Dropped);
        w.WriteEndObject();
        Timeline(w, s.Timeline);
        w.WriteStartArray("plannedLoad");
        foreach (var p in s.PlannedLoad)
        {
            w.WriteStartObject();
            Number(w, "timeSec", p.TimeSec);
            Number(w, "value", p.Value);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("checks");
        foreach (var c in s.Checks)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.WriteString("step", c.Step);
            w.WriteNumber("passes", c.Passes);
            w.WriteNumber("fails", c.Fails);
            Number(w, "passRate", c.PassRate);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        Number(w, "durationMs", s.DurationMs);
        w.WriteNumber("peakVUs", s.PeakVUs);
        if (s.StartLateness is { } lateness)
        {
            w.WritePropertyName("startLateness");
            Latency(w, lateness);
        }
        else
        {
            w.WriteNull("startLateness");
        }

        w.WriteEndObject();
    }

    private static void Stats(Utf8JsonWriter w, StatsBlock s)
    {
        w.WriteStartObject();
        w.WriteNumber("requestCount", s.RequestCount);
        w.WriteNumber("okCount", s.OkCount);
        w.WriteNumber("failCount", s.FailCount);
        Number(w, "rps", s.Rps);
        Number(w, "errorRate", s.ErrorRate);
        w.WritePropertyName("latency");
        Latency(w, s.Latency);
        w.WritePropertyName("okLatency");
        Latency(w, s.OkLatency);
        w.WriteNumber("bytesTotal", s.BytesTotal);
        w.WriteStartObject("statusCodes");
        foreach (var (code, count) in s.StatusCodes)
        {
            w.WriteNumber(code, count);
        }

        w.WriteEndObject();
        w.WriteStartArray("errors");
        foreach (var e in s.Errors)
        {
            w.WriteStartObject();
            w.WriteString("kind", e.Kind);
            w.WriteNumber("count", e.Count);
            w.WriteString("firstMessage", e.FirstMessage);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("clampedCount", s.ClampedCount);
        w.WriteString("okHistogram", s.OkHistogram);
        w.WriteString("failHistogram", s.FailHistogram);
        w.WriteEndObject();
    }

    private static void Latency(Utf8JsonWriter w, LatencyStats l)
    {
        w.WriteStartObject();
        Number(w, "minMs", l.MinMs);
        Number(w, "meanMs", l.MeanMs);
        Number(w, "stdDevMs", l.StdDevMs);
        Number(w, "p50Ms", l.P50Ms);
        Number(w, "p75Ms", l.P75Ms);
        Number(w, "p90Ms", l.P90Ms);
        Number(w, "p95Ms", l.P95Ms);
        Number(w, "p99Ms", l.P99Ms);
        Number(w, "maxMs", l.MaxMs);
        w.WriteEndObject();
    }

    private static void Timeline(Utf8JsonWriter w, IReadOnlyList<IntervalPoint> points)
    {
        w.WriteStartArray("timeline");
        foreach (var p in points)
        {
            w.WriteStartObject();
            Number(w, "timeSec", p.TimeSec);
            Number(w, "intervalSec", p.IntervalSec);
            w.WriteNumber("activeVUs", p.ActiveVUs);
            Number(w, "targetRate", p.TargetRate);
            w.WriteNumber("started", p.Started);
            w.WriteNumber("completed", p.Completed);
            w.WriteNumber("dropped", p.Dropped);
            w.WriteNumber("requests", p.Requests);
            w.WriteNumber("ok", p.Ok);
            w.WriteNumber("fail", p.Fail);
            Number(w, "rps", p.Rps);
            Number(w, "errorRate", p.ErrorRate);
            Number(w, "p50Ms", p.P50Ms);
            Number(w, "p75Ms", p.P75Ms);
            Number(w, "p95Ms", p.P95Ms);
            Number(w, "p99Ms", p.P99Ms);
            Number(w, "maxMs", p.MaxMs);
            Number(w, "meanMs", p.MeanMs);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Threshold(Utf8JsonWriter w, ThresholdOutcome t)
    {
        w.WriteStartObject();
        w.WriteString("expression", t.Expression);
        w.WriteString("scenario", t.Scenario);
        w.WriteString("step", t.Step);
        w.WriteString("metric", t.Metric);
        w.WriteBoolean("passed", t.Passed);
        Number(w, "observed", t.Observed);

        w.WriteString("description", t.Description);
        w.WriteBoolean("noData", t.NoData);
        w.WriteBoolean("abortedRun", t.AbortedRun);
        w.WriteEndObject();
    }

    private static void Section(Utf8JsonWriter w, ReportSection s)
    {
        w.WriteStartObject();
        w.WriteString("id", s.Id);
        w.WriteString("title", s.Title);
        Strings(w, "notes", s.Notes);
        w.WriteStartArray("tables");
        foreach (var t in s.Tables)
        {
            w.WriteStartObject();
            w.WriteString("title", t.Title);
            Strings(w, "columns", t.Columns);
            w.WriteStartArray("rows");
            foreach (var row in t.Rows)
            {
                w.WriteStartArray();
                foreach (var cell in row)
                {
                    w.WriteStringValue(cell);
                }

                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Series(Utf8JsonWriter w, MeasurementSeries s)
    {
        w.WriteStartObject();
        w.WriteString("name", s.Name);
        w.WriteString("unit", Camel(s.Unit.ToString()));
        w.WriteString("group", s.Group);
        w.WriteStartArray("points");
        foreach (var p in s.Points)
        {
            w.WriteStartObject();
            Number(w, "timeSec", p.TimeSec);
            Number(w, "value", p.Value);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A double as the serializer writes it with AllowNamedFloatingPointLiterals: NaN and ±Infinity as strings.</summary>
    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteString(name, double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            Number(w, name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static void Map(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, string> map)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
    }

    private static string Camel(string name) => string.Create(name.Length, name, static (span, n) =>
    {
        n.AsSpan().CopyTo(span);
        span[0] = char.ToLowerInvariant(span[0]);
    });
}
