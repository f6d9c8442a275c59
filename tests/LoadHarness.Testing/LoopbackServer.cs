using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace LoadHarness.Testing;

/// <summary>
/// A real Kestrel on 127.0.0.1 (a free port) with behaviours a load test meets: /ok, /fail, /status/{code},
/// /slow?ms= (default 3000), /big, /json, /chunked, /port, /close, /login, /login-nested, /whoami, /echo, /mirror (any method: what it was sent), /moved (302 to /ok).
/// </summary>
public sealed class LoopbackServer : IAsyncLifetime
{
    public const int BigSize = 200_000;
    public const string Token = "tok-3f9a1c77";
    public const int DefaultSlowMs = 3000;

    private WebApplication? app;

    /// <summary>http://127.0.0.1:port, no trailing slash.</summary>
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        (app, BaseUrl) = await LoopbackKestrel.StartAsync(Map);
    }

    private static void Map(WebApplication app)
    {
        app.MapGet("/ok", () => "ok");
        app.MapGet("/moved", () => Results.Redirect("/ok"));
        app.MapGet("/fail", () => Results.Text("boom", statusCode: 500));
        app.MapGet("/status/{code:int}", (int code) => Results.Text("status", statusCode: code));
        app.MapGet("/slow", async (HttpContext context) =>
        {
            var ms = int.TryParse(context.Request.Query["ms"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : DefaultSlowMs;
            await Task.Delay(ms, context.RequestAborted);
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
        app.MapPost("/login-nested", () => Results.Json(new { data = new { tokens = new[] { new { value = Token } } }, ok = true }));
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
        app.MapGet("/port", (HttpContext context) => context.Connection.RemotePort.ToString(CultureInfo.InvariantCulture));
        app.MapGet("/close", (HttpContext context) =>
        {
            context.Response.Headers.Connection = "close";
            return context.Connection.RemotePort.ToString(CultureInfo.InvariantCulture);
        });
        app.MapGet("/echo", (HttpRequest request) => request.Headers["X-Echo"].ToString());
        app.Map("/mirror", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            return $"{request.Method} {request.ContentType ?? "-"} {request.Headers["X-Tenant"]} {request.Headers.Authorization} {body}";
        });
    }

    public Task DisposeAsync() => LoopbackKestrel.StopAsync(app);

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
