using System.Text.Json;
using LoadHarness.Core.Results;

namespace LoadHarness.Cli.Configuration;

/// <summary>What <c>run --url</c> asks for: one request, repeated by VUs (or at a rate), without a config file.</summary>
internal sealed record QuickRunOptions
{
    public required string Url { get; init; }

    public int Vus { get; init; } = 1;

    public string Duration { get; init; } = "10s";

    /// <summary>Iterations per second (the open model; <see cref="Vus"/> becomes MaxVUs), or null for the closed model.</summary>
    public double? Rate { get; init; }

    public string? Think { get; init; }

    /// <summary>Run this many iterations in all (<c>--iterations</c>: k6's shared iterations, hey's and ab's <c>-n</c>) instead of for a duration.</summary>
    public long? Iterations { get; init; }

    /// <summary>The request timeout (<c>--timeout</c>), or null for RequestTimeout's default.</summary>
    public string? Timeout { get; init; }

    public IReadOnlyList<string> Thresholds { get; init; } = [];

    /// <summary>Checks on every response (<c>--check</c>), in the grammar of an Http request's <c>Checks</c>.</summary>
    public IReadOnlyList<string> Checks { get; init; } = [];

    /// <summary>Follow 3xx redirects (<c>--follow-redirects</c>), as k6 and hey do by default.</summary>
    public bool FollowRedirects { get; init; }

    /// <summary>Accept any TLS certificate (<c>--insecure-skip-tls-verify</c>).</summary>
    public bool AcceptAnyServerCertificate { get; init; }

    /// <summary>The request's method (<c>--method</c>), or null for GET.</summary>
    public string? Method { get; init; }

    /// <summary>The request's headers (<c>--header "Name: value"</c>), in the order given, each name once.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>The request's body (<c>--body</c>; <c>@file</c> already read), or null for none.</summary>
    public string? Body { get; init; }
}

/// <summary>
/// A quick run (<c>k6 run --vus 10 --duration 30s</c>, <c>hey -z 10s -c 50 URL</c>) as the nbomber-config.json it stands
/// for: one <c>Http</c> scenario named "quick". Built as JSON so it goes through the same loader and validation as a file,
/// and every problem is reported by the flag's config key.
/// </summary>
internal static class QuickRunConfig
{
    public const string ScenarioName = "quick";

    /// <summary>A quick run's test suite, and the folder its reports go to by default (<c>reports/quick/&lt;UTC timestamp&gt;/</c>).</summary>
    public const string TestSuite = "quick";

    /// <summary>
    /// A quick run's test name: its request, method and path ("GET /api/health"), so that runs of other endpoints in
    /// the same folder are other tests (<c>trend reports/quick</c> judges the latest run against runs of its own request,
    /// and says it left the others out). Not the host and port: a deployment that moved is still the same test (a
    /// comparison notes the load went elsewhere). Not the query: it may hold a key.
    /// </summary>
    public static string TestName(QuickRunOptions quick)
    {
        ArgumentNullException.ThrowIfNull(quick);
        return RequestName(quick.Method, quick.Url) ?? ScenarioName;
    }

    /// <summary>
    /// A quick run's result written before quick runs were named by their request ("quick / quick"), named as it would be
    /// now from where its load went (<c>test.targets.quick</c>: the URL, after its method when not GET), so that compare
    /// and trend tell its endpoint from others'. Any other result is returned as it is.
    /// </summary>
    public static RunResult NamedByRequest(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Test.TestSuite != TestSuite || result.Test.TestName != ScenarioName || !result.Test.Targets.TryGetValue(ScenarioName, out var target))
        {
            return result;
        }

        var space = target.IndexOf(' ', StringComparison.Ordinal);
        var name = space > 0 ? RequestName(target[..space], target[(space + 1)..]) : RequestName(null, target);
        return name is null ? result : result with { Test = result.Test with { TestName = name } };
    }

    private static string? RequestName(string? method, string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? $"{(string.IsNullOrWhiteSpace(method) ? "GET" : method.Trim().ToUpperInvariant())} {uri.AbsolutePath}"
            : null;

    private const string ScenarioPath = "GlobalSettings.ScenariosSettings[0].";

    /// <summary>
    /// The loader's problems with a quick run's JSON, told by the flag that made each key (<c>--threshold</c>, not
    /// <c>GlobalSettings.ScenariosSettings[0].Thresholds[0]</c>) and without line numbers: the user never saw that JSON.
    /// </summary>
    public static IReadOnlyList<ConfigProblem> AsFlags(IReadOnlyList<ConfigProblem> problems) =>
        problems.Select(p => new ConfigProblem(FlagOf(p.Path), p.Message)).ToArray();

    private static string FlagOf(string path)
    {
        if (!path.StartsWith(ScenarioPath, StringComparison.Ordinal))
        {
            return path; // not ours (an environment or --set override): its own key
        }

        var key = path[ScenarioPath.Length..];
        return key.StartsWith("Thresholds", StringComparison.Ordinal) ? "--threshold"
            : key.StartsWith("Http.Requests[0].Method", StringComparison.Ordinal) ? "--method"
            : key.StartsWith("Http.Requests[0].Headers", StringComparison.Ordinal) ? "--header"
            : key.StartsWith("Http.Requests[0].Body", StringComparison.Ordinal) ? "--body"
            : key.StartsWith("ThinkTime", StringComparison.Ordinal) ? "--think"
            : key.StartsWith("Http.Requests[0].Checks", StringComparison.Ordinal) ? "--check"
            : key.StartsWith("Http.FollowRedirects", StringComparison.Ordinal) ? "--follow-redirects"
            : key.StartsWith("Http", StringComparison.Ordinal) ? "--url"
            : key.StartsWith("MaxVUs", StringComparison.Ordinal) ? "--vus"
            : key.StartsWith("RequestTimeout", StringComparison.Ordinal) ? "--timeout"
            : key.StartsWith("LoadSimulationsSettings", StringComparison.Ordinal) ? "--vus/--rate/--duration/--iterations"
            : path;
    }

    /// <summary>
    /// A rate per second as a whole number of iterations per whole seconds, as Inject takes it: 200 → 200 per 1 s,
    /// 2.5 → 5 per 2 s, 0.1 → 1 per 10 s; a rate no interval up to 1,000 s makes whole is rounded to thousandths.
    /// </summary>
    internal static (long Count, int Seconds) WholeRate(double rate)
    {
        for (var seconds = 1; seconds <= 1000; seconds++)
        {
            var count = rate * seconds;
            if (Math.Abs(count - Math.Round(count)) < 1e-9 * seconds && Math.Round(count) >= 1)
            {
                return ((long)Math.Round(count), seconds);
            }
        }

        return (Math.Max(1, (long)Math.Round(rate * 1000)), 1000);
    }

    public static byte[] Build(QuickRunOptions quick)
    {
        ArgumentNullException.ThrowIfNull(quick);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("TestSuite", TestSuite);
            w.WriteString("TestName", TestName(quick));
            w.WriteStartObject("GlobalSettings");
            w.WriteStartArray("ScenariosSettings");
            w.WriteStartObject();
            w.WriteString("ScenarioName", ScenarioName);
            w.WriteStartArray("LoadSimulationsSettings");
            w.WriteStartObject();
            if (quick.Rate is { } rate)
            {
                var (count, seconds) = WholeRate(rate);
                w.WriteStartArray(quick.Iterations is null ? "Inject" : "IterationsForInject");
                w.WriteNumberValue(count);
                w.WriteStringValue(seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + "s");
            }
            else
            {
                w.WriteStartArray(quick.Iterations is null ? "KeepConstant" : "IterationsForConstant");
                w.WriteNumberValue(quick.Vus);
            }

            if (quick.Iterations is { } iterations)
            {
                w.WriteNumberValue(iterations);
            }
            else
            {
                w.WriteStringValue(quick.Duration);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            if (quick.Rate is not null)
            {
                w.WriteNumber("MaxVUs", quick.Vus);
            }

            if (quick.Think is not null)
            {
                w.WriteString("ThinkTime", quick.Think);
            }

            if (quick.Timeout is not null)
            {
                w.WriteString("RequestTimeout", quick.Timeout);
            }

            w.WriteStartArray("Thresholds");
            foreach (var threshold in quick.Thresholds)
            {
                w.WriteStringValue(threshold);
            }

            w.WriteEndArray();
            w.WriteStartObject("Http");
            if (quick.FollowRedirects)
            {
                w.WriteBoolean("FollowRedirects", true);
            }

            if (quick.AcceptAnyServerCertificate)
            {
                w.WriteBoolean("AcceptAnyServerCertificate", true);
            }

            w.WriteStartArray("Requests");
            w.WriteStartObject();
            w.WriteString("Name", "request");
            w.WriteString("Url", quick.Url);
            if (quick.Method is not null)
            {
                w.WriteString("Method", quick.Method);
            }

            if (quick.Headers.Count > 0)
            {
                w.WriteStartObject("Headers");
                foreach (var (name, value) in quick.Headers)
                {
                    w.WriteString(name, value);
                }

                w.WriteEndObject();
            }

            if (quick.Body is not null)
            {
                w.WriteString("Body", quick.Body);
            }

            if (quick.Checks.Count > 0)
            {
                w.WriteStartArray("Checks");
                foreach (var check in quick.Checks)
                {
                    w.WriteStringValue(check);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
