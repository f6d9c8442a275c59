using System.Net;
using LoadHarness.Http.Scenarios;

namespace LoadHarness.Http.Tests.Conformance;

/// <summary>
/// What the raw transport does not do by design (https, HTTP/2, following redirects, decompression) goes through
/// SocketsHttpHandler, and says so (<see cref="HttpRequestTemplate.TransportFallback"/>); the answers are the same on
/// both transports.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class TransportFallbackTests(ConformanceKestrel kestrel)
{
    [Theory]
    [InlineData(HttpTransport.Sockets, false)]
    [InlineData(HttpTransport.Raw, false)]
    [InlineData(HttpTransport.Sockets, true)]
    [InlineData(HttpTransport.Raw, true)]
    public async Task Gzip_is_asked_for_and_inflated_only_when_decompression_is_on(HttpTransport transport, bool decompress)
    {
        using var http = HttpTarget.Create(kestrel.BaseUrl, new HttpTargetOptions
        {
            Transport = transport,
            AutomaticDecompression = decompress ? DecompressionMethods.GZip : DecompressionMethods.None,
        });
        using var ctx = new TestContext(TimeSpan.FromSeconds(30));
        var request = http.Request(HttpMethod.Get, "/gzip", readBody: true);

        var result = await HttpStep.Send(ctx, "gzip", request);

        Assert.Equal(ConformanceKestrel.GzipText, result.Body);
        Assert.Equal(ConformanceKestrel.GzipText.Length, result.SizeBytes);
        Assert.Equal(transport == HttpTransport.Raw && !decompress, request.UsesRawTransport);
        Assert.Equal(transport == HttpTransport.Raw && decompress ? "Decompress" : null, request.TransportFallback);
    }

    [Theory]
    [InlineData(HttpTransport.Sockets, false, 302)]
    [InlineData(HttpTransport.Raw, false, 302)]
    [InlineData(HttpTransport.Sockets, true, 200)]
    [InlineData(HttpTransport.Raw, true, 200)]
    public async Task A_redirect_is_an_answer_of_its_own_unless_redirects_are_followed(HttpTransport transport, bool follow, int status)
    {
        using var http = HttpTarget.Create(kestrel.BaseUrl, new HttpTargetOptions { Transport = transport, FollowRedirects = follow });
        using var ctx = new TestContext(TimeSpan.FromSeconds(30));
        var request = http.Request(HttpMethod.Get, "/redirect");

        var result = await HttpStep.Send(ctx, "redirect", request);

        Assert.True(result.IsOk, result.Response.Error);
        Assert.Equal(status, result.StatusCode);
        Assert.Equal(transport == HttpTransport.Raw && !follow, request.UsesRawTransport);
        Assert.Equal(transport == HttpTransport.Raw && follow ? "FollowRedirects" : null, request.TransportFallback);
    }

    [Fact]
    public void Https_and_http2_name_their_fallback_and_plain_http_1_1_has_none()
    {
        var raw = new HttpTargetOptions { Transport = HttpTransport.Raw };
        using var https = HttpTarget.Create("https://127.0.0.1:1", raw);
        using var http2 = HttpTarget.Create(kestrel.BaseUrl, raw with { HttpVersion = HttpVersion.Version20 });
        using var plain = HttpTarget.Create(kestrel.BaseUrl, raw);
        using var sockets = HttpTarget.Create("https://127.0.0.1:1");

        Assert.StartsWith("https", https.Request(HttpMethod.Get, "/").TransportFallback, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/2", http2.Request(HttpMethod.Get, "/").TransportFallback, StringComparison.Ordinal);
        Assert.Null(plain.Request(HttpMethod.Get, "/").TransportFallback);
        Assert.True(plain.Request(HttpMethod.Get, "/").UsesRawTransport);
        Assert.Null(sockets.Request(HttpMethod.Get, "/").TransportFallback); // nothing asked for raw: nothing fell back
    }

    [Fact]
    public void A_raw_scenario_lists_the_requests_that_fall_back_with_their_reason()
    {
        var settings = new HttpScenarioSettings
        {
            BaseUrl = "https://api.example.test/v1",
            Transport = "raw",
            Requests = [new() { Name = "tls", Url = "/orders" }, new() { Name = "plain", Url = kestrel.BaseUrl + "/port" }],
        };
        var redirects = new HttpScenarioSettings { Transport = "raw", FollowRedirects = true, Requests = [new() { Name = "r", Url = "/a" }] };
        var sockets = new HttpScenarioSettings { BaseUrl = "https://api.example.test", Requests = [new() { Name = "s", Url = "/" }] };

        Assert.Equal(["Http.Requests[0] 'tls': sent through the sockets transport, not raw: https (the raw transport speaks plain http:// only)"], HttpTransportFallbacks.Of(settings, null));
        Assert.Equal(["Http.Requests[0] 'r': sent through the sockets transport, not raw: FollowRedirects"], HttpTransportFallbacks.Of(redirects, kestrel.BaseUrl));
        Assert.Empty(HttpTransportFallbacks.Of(sockets, null));
    }

    [Theory]
    [InlineData("GET", true)]
    [InlineData("HEAD", true)]
    [InlineData("PUT", true)]
    [InlineData("DELETE", true)]
    [InlineData("OPTIONS", true)]
    [InlineData("TRACE", true)]
    [InlineData("POST", false)]
    [InlineData("PATCH", false)]
    public void A_request_is_idempotent_by_its_method_unless_it_says_otherwise(string method, bool idempotent)
    {
        using var http = HttpTarget.Create(kestrel.BaseUrl);

        var byMethod = new HttpRequestTemplate(http, new HttpMethod(method), http.Resolve("/"));
        var overridden = new HttpRequestTemplate(http, new HttpMethod(method), http.Resolve("/")) { Idempotent = !idempotent };

        Assert.Equal(idempotent, byMethod.Idempotent);
        Assert.Equal(!idempotent, overridden.Idempotent);
    }
}
