using System.Net;
using System.Net.Sockets;
using LoadHarness.Core.Execution;
using LoadHarness.Core.Load;
using LoadHarness.Core.Scenarios;
using LoadHarness.Http.Scenarios;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace LoadHarness.Http.Tests.Faults;

/// <summary>
/// The API killed mid-run and started again on the same port: the failures while it is down are counted with their
/// kinds (never "unknown"), the run goes on, recovers, and completes with its result.
/// </summary>
public sealed class ApiRestartTests
{
    [Theory]
    [InlineData("sockets")]
    [InlineData("raw")]
    public async Task A_run_survives_its_api_going_down_and_coming_back(string transport)
    {
        var port = FreePort();
        var app = await StartAsync(port);
        var scenario = HttpScenarios.Create(
                "api",
                new HttpScenarioSettings { Transport = transport, Requests = [new() { Name = "get", Url = "/ok", ThinkTime = "50ms" }] },
                $"http://127.0.0.1:{port}")
            .WithLoadSimulations(LoadSimulation.KeepConstant(4, TimeSpan.FromSeconds(6)))
            .WithRequestTimeout(TimeSpan.FromSeconds(2))
            .WithGracefulStop(TimeSpan.FromSeconds(3));
        var run = new LoadRunner().RunAsync(new TestDefinition { Scenarios = [scenario] }, new RunOptions());

        await Task.Delay(1500);
        await app.StopAsync();
        await app.DisposeAsync();
        await Task.Delay(1500);
        app = await StartAsync(port);
        var result = await run.WaitAsync(TimeSpan.FromSeconds(60));
        await app.DisposeAsync();

        var stats = Assert.Single(Assert.Single(result.Scenarios).Steps).Stats;
        Assert.Equal(Core.Results.RunStatus.Completed, result.Status);
        Assert.True(stats.FailCount > 0, "the API was down for 1.5 s: some requests must have failed");
        Assert.True(stats.OkCount > 20, $"{stats.OkCount} ok: the run did not recover");
        Assert.All(stats.Errors, e => Assert.NotEqual("unknown", e.Kind));
        Assert.All(stats.Errors, e => Assert.NotEqual(ErrorKinds.Error, e.Kind));

        // It recovered: the last second of the timeline has ok requests again.
        var last = Assert.Single(result.Scenarios).Steps[0].Timeline.Where(p => p.Requests > 0).Last();
        Assert.True(last.Ok > 0, $"no ok request at {last.TimeSec} s");
    }

    private static async Task<WebApplication> StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapGet("/ok", () => "ok");
        await app.StartAsync();
        return app;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
