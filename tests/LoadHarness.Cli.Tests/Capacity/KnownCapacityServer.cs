using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoadHarness.Cli.Tests.Capacity;

/// <summary>
/// A real Kestrel app on 127.0.0.1 whose capacity is known: <c>/work</c> is served by <see cref="Slots"/> servers of a
/// fixed <see cref="ServiceTime"/> each, so at most Slots ÷ ServiceTime requests per second; beyond that, requests
/// queue. The servers keep their schedule on the clock (a request takes the server free soonest, from the later of now
/// and when that server frees, for exactly ServiceTime, and is answered at the end of it), so a busy machine's late
/// timers and thread hand-offs delay answers but never idle a server: the capacity is Slots ÷ ServiceTime, exactly.
/// </summary>
public sealed class KnownCapacityServer : IAsyncLifetime
{
    public const int Slots = 4;
    public static readonly TimeSpan ServiceTime = TimeSpan.FromMilliseconds(100);

    private readonly long[] freeAt = new long[Slots];
    private readonly Lock schedule = new();
    private WebApplication? app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Slots ÷ ServiceTime: 40 requests/s.</summary>
    public static double Capacity => Slots / ServiceTime.TotalSeconds;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        app = builder.Build();
        app.MapGet("/work", async (HttpContext context) =>
        {
            var done = Reserve(Stopwatch.GetTimestamp());
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), done);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, context.RequestAborted);
            }

            return Results.Text("done");
        });
        app.MapGet("/down", () => Results.StatusCode(503));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
    }

    /// <summary>Books the server free soonest for one service time from <paramref name="now"/> on; returns when it ends.</summary>
    private long Reserve(long now)
    {
        var service = (long)(ServiceTime.TotalSeconds * Stopwatch.Frequency);
        lock (schedule)
        {
            var server = 0;
            for (var i = 1; i < freeAt.Length; i++)
            {
                server = freeAt[i] < freeAt[server] ? i : server;
            }

            freeAt[server] = Math.Max(now, freeAt[server]) + service;
            return freeAt[server];
        }
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>A config with one http scenario "work" on <paramref name="path"/> and an optional Capacity section.</summary>
    public string Config(string path = "/work", string capacity = "") => $$"""
        {
          "TestSuite": "capacity-tests",
          "TestName": "known capacity",
          "Target": { "ApiBaseUrl": "{{BaseUrl}}", "ConnectionString": "" },
          {{(capacity.Length == 0 ? "" : "\"Capacity\": " + capacity + ",")}}
          "GlobalSettings": {
            "ScenariosSettings": [
              {
                "ScenarioName": "work",
                "LoadSimulationsSettings": [ { "KeepConstant": [1, "1s"] } ],
                "GracefulStop": "2s",
                "RequestTimeout": "10s",
                "Http": { "Requests": [ { "Name": "work", "Url": "{{path}}" } ] }
              }
            ]
          }
        }
        """;
}
