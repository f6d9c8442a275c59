using System.Globalization;
using LoadHarness.Cli.Tests.Fixtures;
using LoadHarness.Core.Capacity;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Capacity;
using Xunit.Abstractions;

namespace LoadHarness.Cli.Tests.Capacity;

/// <summary>
/// `capacity` end to end against a Kestrel target of known capacity (4 slots × 20 ms = 200 req/s, far below what the
/// generator does on 2 shared cores): the closed and the open search both find it within 10 %.
/// </summary>
public sealed class CapacityKnownTargetTests(KnownCapacityServer server, ITestOutputHelper log) : IClassFixture<KnownCapacityServer>
{
    [Fact]
    public async Task Closed_model_finds_the_capacity_within_10_percent()
    {
        using var temp = new TempFolder();
        server.ResetMeasurement();

        // Up to 4 VUs the server keeps up (p95 ≈ 20 ms); beyond, VUs queue for a slot (p95 ≈ VUs × 5 ms): the gate holds
        // to about 10 VUs, all of them (from 4 on) at the server's full throughput.
        var outcome = await CliRunner.RunAsync(
            "capacity", "-c", temp.Write("config.json", server.Config()), "--out", temp.File("out"),
            "--step-vus", "4", "--max-vus", "40", "--gate", "p(95) < 60", "--step-duration", "2s", "--warm-up", "1s", "--resolution", "4");
        log.WriteLine(outcome.ToString());

        var result = await AssertFoundAsync(outcome, temp.File("out"), LoadModel.Closed);
        var sustainable = result.Sustainable!;
        Assert.InRange(sustainable.Load, KnownCapacityServer.Slots, 12);
        AssertWithin10Percent(sustainable.RequestsPerSec);
    }

    [Fact]
    public async Task Open_model_finds_the_capacity_within_10_percent()
    {
        using var temp = new TempFolder();
        server.ResetMeasurement();

        // Below 200 arrivals/s every request finds a slot; above, the queue grows by the excess every second, and the
        // p95 with it: 10 % over capacity queues 60 requests (300 ms) by the end of a 3 s step, far past the gate.
        var outcome = await CliRunner.RunAsync(
            "capacity", "-c", temp.Write("config.json", server.Config()), "--out", temp.File("out"),
            "--step-rate", "40", "--start", "80", "--max-rate", "400", "--gate", "p(95) < 150", "--step-duration", "2s", "--warm-up", "1s", "--resolution", "10%");
        log.WriteLine(outcome.ToString());

        var result = await AssertFoundAsync(outcome, temp.File("out"), LoadModel.Open);
        Assert.Equal(SearchOutcome.KneeFound, result.Answer.Outcome);
        AssertWithin10Percent(result.Sustainable!.Load);
        AssertWithin10Percent(result.Sustainable.RequestsPerSec);
        Assert.True(result.FirstFailing!.Load > result.Sustainable.Load);
    }

    private void AssertWithin10Percent(double found)
    {
        var computed = server.MeasuredCapacity;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"found {found:0.#} req/s; computed {computed:0.#} req/s (nominal {KnownCapacityServer.NominalCapacity:0})"));
        Assert.InRange(computed, KnownCapacityServer.NominalCapacity * 0.8, KnownCapacityServer.NominalCapacity * 1.01);
        Assert.InRange(found, computed * 0.9, computed * 1.1);
    }

    private static async Task<CapacityResult> AssertFoundAsync(CliOutcome outcome, string folder, LoadModel model)
    {
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var result = await CapacityJson.ReadAsync(Path.Combine(folder, "capacity.json"));
        Assert.Equal(model, result.Model);
        Assert.NotNull(result.Sustainable);
        Assert.True(result.Sustainable.Held);
        Assert.All(result.Steps, s => Assert.True(File.Exists(Path.Combine(folder, s.ResultPath!)), s.ResultPath));
        foreach (var step in result.Steps)
        {
            var run = await RunResultJson.ReadAsync(Path.Combine(folder, step.ResultPath!));
            Assert.Equal(step.Number.ToString(CultureInfo.InvariantCulture), run.Test.Labels["capacity.step"]);
            Assert.Equal(step.Requests, run.Scenarios.Single().Steps.Sum(s => s.Stats.RequestCount));
        }

        Assert.True(File.Exists(Path.Combine(folder, "capacity.html")));
        Assert.True(File.Exists(Path.Combine(folder, "capacity.md")));
        var lastLine = outcome.Out.TrimEnd().Split('\n')[^1];
        Assert.StartsWith("sustainable: ", lastLine, StringComparison.Ordinal);
        Assert.Equal(CapacityText.AnswerLine(result), lastLine.Trim());
        return result;
    }
}
