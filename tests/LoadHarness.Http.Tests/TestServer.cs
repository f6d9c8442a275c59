using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoadHarness.Http.Tests;

/// <summary>A real Kestrel on 127.0.0.1 (free port): /ok, /fail, /status/{code}, /slow, /big, /json, /chunked, /port, /close, /login, /whoami, /echo.</summary>
public sealed class TestServer : IAsyncLifetime
{
    public const int BigSize = 200_000;
    public const string Token = "tok-3f9a1c77";

    private WebApplication? app;

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.MapGet("/ok", () => "ok");
        app.MapGet("/fail", () => Results.Text("boom", statusCode: 500));
        app.MapGet("/status/{code:int}", (int code) => Results.Text("status", statusCode: code));
        app.MapGet("/slow", async (CancellationToken ct) =>
        {
            await Task.Delay(3000, ct);
            return "late";
        });
        app.MapGet("/big", () => Results.Bytes(new byte[BigSize], "application/octet-stream"));
        app.MapGet("/json", () => Results.Json(new { message = "hello json" }));
        app.MapPost("/login", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            return body.Contains("secret", StringComparison.Ordinal)
                ? Results.Json(new { token = Token })
                : Results.Text("bad credentials", statusCode: 401);
        });
        app.MapGet("/whoami", (HttpRequest request) =>
            request.Headers.Authorization == "Bearer " + Token ? Results.Text("you are vu") : Results.Text("no", statusCode: 401));
        app.MapGet("/chunked", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain";
            for (var i = 0; i < 3; i++)
            {
                await context.Response.WriteAsync($"chunk-{i};");
                await context.Response.Body.FlushAsync();
            }
        });
        app.MapGet("/port", (HttpContext context) => context.Connection.RemotePort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        app.MapGet("/close", (HttpContext context) =>
        {
            context.Response.Headers.Connection = "close";
            return context.Connection.RemotePort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
        app.MapGet("/echo", (HttpRequest request) => request.Headers["X-Echo"].ToString());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address.TrimEnd('/');
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>A port nobody listens on (bound, then closed).</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<TestServer>
{
    public const string Name = "kestrel";
}
