using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoadHarness.Cli.Tests.Fixtures;

/// <summary>A real Kestrel app on 127.0.0.1 (free port) for the command to load: /ok, /slow?ms=, /fail, /status/{code}.</summary>
public sealed class TargetServer : IAsyncLifetime
{
    private WebApplication? app;

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        app = builder.Build();
        app.MapGet("/ok", () => Results.Text("ok"));
        app.MapGet("/slow", async (HttpContext context) =>
        {
            var ms = int.TryParse(context.Request.Query["ms"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 200;
            await Task.Delay(ms, context.RequestAborted);
            return Results.Text("slow ok");
        });
        app.MapGet("/fail", () => Results.Text("boom", statusCode: 500));
        app.MapGet("/status/{code:int}", (int code) => Results.StatusCode(code));
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
    }
}
