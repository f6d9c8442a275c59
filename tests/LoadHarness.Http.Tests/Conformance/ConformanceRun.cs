using System.Globalization;
using LoadHarness.Core.Execution;
using LoadHarness.Core.Load;
using LoadHarness.Core.Scenarios;
using LoadHarness.Http.Scenarios;

namespace LoadHarness.Http.Tests.Conformance;

/// <summary>
/// One built-in <c>http</c> scenario through the real engine: <paramref name="Vus"/> VUs share
/// <paramref name="Iterations"/> iterations of one GET with a think time and the check <c>status == 200</c>; what a
/// correct client reports: requests, failures by kind, checks, retries.
/// </summary>
internal sealed record ConformanceRun(string Case, HttpTransport Transport, long Requests, long Failures, IReadOnlyDictionary<string, long> Errors, long CheckPasses, long CheckFails, long Retries)
{
    public static async Task<ConformanceRun> RunAsync(string @case, string baseUrl, string url, HttpTransport transport, int vus, int iterations, string thinkTime, string method = "GET", bool? idempotent = null)
    {
        var name = $"{@case}-{transport}-{Guid.NewGuid():N}";
        var settings = new HttpScenarioSettings
        {
            BaseUrl = baseUrl,
            Transport = transport.ToString().ToLowerInvariant(),
            Requests = [new() { Name = "request", Method = method, Url = url, Checks = ["status == 200"], ThinkTime = thinkTime, Idempotent = idempotent }],
        };
        var scenario = HttpScenarios.Create(name, settings, null)
            .WithLoadSimulations(LoadSimulation.IterationsForConstant(vus, iterations))
            .WithRequestTimeout(TimeSpan.FromSeconds(30))
            .WithGracefulStop(TimeSpan.FromSeconds(60));

        var before = HttpRetries.Snapshot();
        var result = await new LoadRunner().RunAsync(new TestDefinition { Scenarios = [scenario] }, new RunOptions());
        var retries = HttpRetries.Summarize(before, HttpRetries.Snapshot(), result.Scenarios.Select(s => s.Name));

        var step = Assert.Single(Assert.Single(result.Scenarios).Steps).Stats;
        var check = Assert.Single(result.Scenarios[0].Checks);
        return new ConformanceRun(@case, transport, step.RequestCount, step.FailCount, step.Errors.ToDictionary(e => e.Kind, e => e.Count), check.Passes, check.Fails, HttpRetries.OfScenario(name)) { RetrySummary = retries };
    }

    /// <summary>What the run's result says of its retries (<see cref="HttpRetries.Summarize"/>), as the command adds it.</summary>
    public (LoadHarness.Core.Results.Measurement Total, LoadHarness.Core.Results.ReportSection? Section) RetrySummary { get; init; }

    /// <summary>One line for the test output: the case × transport table of the conformance report.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Case} | {Transport} | requests {Requests} | failures {Failures} {string.Join(", ", Errors.Select(e => $"{e.Key}: {e.Value}"))} | retries {Retries}");
}
