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
/// A real Kestrel app on 127.0.0.1 whose capacity is known: <c>/work</c> holds one of <see cref="Slots"/> slots
/// (a SemaphoreSlim) for <see cref="ServiceTime"/>, so it serves at most Slots ÷ ServiceTime requests per second; beyond
/// that, requests queue for a slot. It measures how long a slot is really held (a timer's delay overshoots on a busy
/// machine), so the capacity it computes is the one it actually had.
/// </summary>
public sealed class KnownCapacityServer : IAsyncLifetime
{
    public const int Slots = 4;
    public static readonly TimeSpan ServiceTime = TimeSpan.FromMilliseconds(100);

    private readonly SemaphoreSlim slots = new(Slots, Slots);
    private WebApplication? app;
    private long heldTicks;
    private long served;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Slots ÷ ServiceTime: 40 requests/s.</summary>
    public static double NominalCapacity => Slots / ServiceTime.TotalSeconds;

    /// <summary>Slots ÷ the mean time a slot was really held, requests/s (the nominal figure before any request).</summary>
    public double MeasuredCapacity
    {
        get
        {
            var count = Interlocked.Read(ref served);
            return count == 0 ? NominalCapacity : Slots / (TimeSpan.FromTicks(Interlocked.Read(ref heldTicks) / count).TotalSeconds);
        }
    }

    public void ResetMeasurement()
    {
        Interlocked.Exchange(ref heldTicks, 0);
        Interlocked.Exchange(ref served, 0);
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        app = builder.Build();
        app.MapGet("/work", async (HttpContext context) =>
        {
            await slots.WaitAsync(context.RequestAborted);
            var held = Stopwatch.StartNew();
            try
            {
                await Task.Delay(ServiceTime, context.RequestAborted);
            }
            finally
            {
                Interlocked.Add(ref heldTicks, held.Elapsed.Ticks);
                Interlocked.Increment(ref served);
                slots.Release();
            }

            return Results.Text("done");
        });
        app.MapGet("/down", () => Results.StatusCode(503));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        slots.Dispose();
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
