using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoadHarness.Http.Tests.Conformance;

/// <summary>
/// A real Kestrel on 127.0.0.1 with the behaviours the conformance cases need: <c>/port</c> (the client's port, to see
/// reuse), <c>/close</c> (HTTP/1.1 <c>Connection: close</c>), <c>/empty</c> (Content-Length: 0), <c>/nocontent</c> (204),
/// <c>/notmodified</c> (304), <c>/head</c> (GET and HEAD, 1,000 bytes), <c>/big</c> (10 MiB), <c>/gzip</c> (gzip when
/// asked), <c>/redirect</c> (302 to /port), <c>/upload</c> (POST: the body's length; answers Expect: 100-continue).
/// </summary>
public sealed class ConformanceKestrel : IAsyncLifetime
{
    public const int BigSize = 10 * 1024 * 1024;
    public const int HeadSize = 1000;
    public const string GzipText = "hello gzip hello gzip hello gzip hello gzip hello gzip hello gzip";

    private static readonly byte[] Big = new byte[BigSize];
    private static readonly byte[] Gzipped = Compress(GzipText);
    private WebApplication? app;

    public string BaseUrl { get; private set; } = "";

    public int Port => new Uri(BaseUrl).Port;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.MapGet("/port", (HttpContext c) => c.Connection.RemotePort.ToString(CultureInfo.InvariantCulture));
        app.MapGet("/close", (HttpContext c) =>
        {
            c.Response.Headers.Connection = "close";
            return c.Connection.RemotePort.ToString(CultureInfo.InvariantCulture);
        });
        app.MapGet("/empty", () => Results.Bytes(Array.Empty<byte>(), "application/octet-stream"));
        app.MapGet("/nocontent", () => Results.NoContent());
        app.MapGet("/notmodified", () => Results.StatusCode(304));
        app.MapMethods("/head", ["GET", "HEAD"], (HttpContext c) =>
        {
            c.Response.ContentLength = HeadSize;
            return HttpMethods.IsHead(c.Request.Method) ? Task.CompletedTask : c.Response.Body.WriteAsync(new byte[HeadSize]).AsTask();
        });
        app.MapGet("/big", () => Results.Bytes(Big, "application/octet-stream"));
        app.MapGet("/gzip", (HttpContext c) =>
        {
            if (!c.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
            {
                return Results.Text(GzipText);
            }

            c.Response.Headers.ContentEncoding = "gzip";
            return Results.Bytes(Gzipped, "text/plain");
        });
        app.MapGet("/redirect", () => Results.Redirect("/port"));
        app.MapPost("/upload", async (HttpRequest request) =>
        {
            long length = 0;
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(buffer)) > 0)
            {
                length += read;
            }

            return length.ToString(CultureInfo.InvariantCulture);
        });
        await app.StartAsync();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static byte[] Compress(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }
}

[CollectionDefinition(Name)]
public sealed class ConformanceCollection : ICollectionFixture<ConformanceKestrel>
{
    public const string Name = "conformance kestrel";
}
