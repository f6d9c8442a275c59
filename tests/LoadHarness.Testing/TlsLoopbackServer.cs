using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Xunit;

namespace LoadHarness.Testing;

/// <summary>A real Kestrel on https://127.0.0.1 (a free port) with a self-signed certificate, as a test server has: /ok.</summary>
public sealed class TlsLoopbackServer : IAsyncLifetime
{
    private WebApplication? app;
    private X509Certificate2? certificate;

    /// <summary>https://127.0.0.1:port, no trailing slash.</summary>
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var tls = certificate = SelfSigned();
        (app, BaseUrl) = await LoopbackKestrel.StartAsync(a => a.MapGet("/ok", () => "ok"), listen => listen.UseHttps(tls));
    }

    public async Task DisposeAsync()
    {
        await LoopbackKestrel.StopAsync(app);
        certificate?.Dispose();
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Through PKCS#12 so the private key is usable by the TLS stack on Linux.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
