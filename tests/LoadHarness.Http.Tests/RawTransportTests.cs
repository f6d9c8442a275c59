using LoadHarness.Core.Scenarios;
using LoadHarness.Http.Checks;
using LoadHarness.Http.Scenarios;

namespace LoadHarness.Http.Tests;

/// <summary>The raw HTTP/1.1 transport against Kestrel: the same results as the SocketsHttpHandler path.</summary>
[Collection(ServerCollection.Name)]
public sealed class RawTransportTests(LoopbackServer server)
{
    private static readonly HttpTargetOptions Raw = new() { Transport = HttpTransport.Raw };

    [Theory]
    [InlineData("/ok", 200, true)]
    [InlineData("/status/404", 404, false)]
    [InlineData("/fail", 500, false)]
    [InlineData("/status/201", 201, true)]
    public async Task Status_codes_and_failures_match(string url, int status, bool ok)
    {
        using var http = HttpTarget.Create(server.BaseUrl, Raw);
        using var ctx = new TestContext();

        var result = await http.GetAsync(ctx, "s", url);

        Assert.True(http.Request(HttpMethod.Get, url).UsesRawTransport);
        Assert.Equal(status, result.StatusCode);
        Assert.Equal(ok, result.IsOk);
        Assert.Equal(ok ? null : $"status {status}", result.Response.ErrorKind);
    }

    [Theory]
    [InlineData("/big")]
    [InlineData("/json")]
    [InlineData("/chunked")]
    [InlineData("/fail")]
    public async Task Byte_counts_equal_the_sockets_path(string url)
    {
        using var sockets = HttpTarget.Create(server.BaseUrl);
        using var raw = HttpTarget.Create(server.BaseUrl, Raw);
        using var ctx = new TestContext();

        var expected = await sockets.GetAsync(ctx, "s", url);
        var drained = await raw.GetAsync(ctx, "r", url);
        var read = await raw.GetAsync(ctx, "r", url, readBody: true);

        Assert.True(expected.SizeBytes > 0);
        Assert.Equal(expected.SizeBytes, drained.SizeBytes);
        Assert.Equal(expected.SizeBytes, read.SizeBytes);
        Assert.Equal(expected.Response.SizeBytes, drained.Response.SizeBytes);
    }

    [Fact]
    public async Task A_chunked_body_is_read_whole()
    {
        using var http = HttpTarget.Create(server.BaseUrl, Raw);
        using var ctx = new TestContext();

        var result = await http.GetAsync(ctx, "c", "/chunked", HttpCheck.ParseAll("body contains chunk-2;"), readBody: true);

        Assert.Equal("chunk-0;chunk-1;chunk-2;", result.Body);
        Assert.Equal([("body contains chunk-2;", true)], ctx.Checks);
    }

    [Fact]
    public async Task A_vu_keeps_its_connection_alive_and_reconnects_when_the_server_closes_it()
    {
        using var http = HttpTarget.Create(server.BaseUrl, Raw);
        using var ctx = new TestContext();

        var ports = new List<string?>();
        for (var i = 0; i < 5; i++)
        {
            ports.Add((await http.GetAsync(ctx, "port", "/port", readBody: true)).Body);
        }

        var closing = await http.GetAsync(ctx, "close", "/close", readBody: true);
        var after = await http.GetAsync(ctx, "port", "/port", readBody: true);

        Assert.Single(ports.Distinct());
        Assert.Equal(ports[0], closing.Body);
        Assert.True(closing.IsOk);
        Assert.True(after.IsOk);
        Assert.NotEqual(ports[0], after.Body);
    }

    [Fact]
    public async Task A_refused_port_is_connection_refused_and_checks_are_judged()
    {
        using var http = HttpTarget.Create($"http://127.0.0.1:{LoopbackServer.ClosedPort()}", Raw);
        using var ctx = new TestContext();

        var result = await http.GetAsync(ctx, "refused", "/ok", HttpCheck.ParseAll("status == 200"));

        Assert.Equal(HttpErrors.ConnectionRefused, result.Response.ErrorKind);
        Assert.Equal(0, result.StatusCode);
        Assert.Equal([("status == 200", false)], ctx.Checks);
    }

    [Fact]
    public async Task A_response_slower_than_the_token_is_a_timeout_and_the_vu_goes_on()
    {
        using var http = HttpTarget.Create(server.BaseUrl, Raw);
        using var ctx = new TestContext(TimeSpan.FromMilliseconds(300));

        var result = await http.GetAsync(ctx, "slow", "/slow?ms=30000", HttpCheck.ParseAll("status == 200"));

        Assert.Equal(ErrorKinds.Timeout, result.Response.ErrorKind);
        // The server answers after 30 s: anything shorter is the timeout, however slow the machine. (The duration counts
        // from the step's start; the context's 300 ms count from its creation, a little earlier on a busy machine.)
        Assert.InRange(result.Duration.TotalMilliseconds, 1, 25_000);
        Assert.Empty(ctx.Checks);
        using var fresh = new TestContext();
        Assert.True((await http.GetAsync(fresh, "ok", "/ok")).IsOk);
    }

    [Fact]
    public async Task Checks_on_body_and_headers_and_a_posted_login_work()
    {
        using var http = HttpTarget.Create(server.BaseUrl, Raw);
        using var ctx = new TestContext();
        var checks = HttpCheck.ParseAll("body contains hello json", "header content-type contains JSON", "header X-Absent exists", "duration < 10s");

        var json = await http.GetAsync(ctx, "json", "/json", checks);
        var login = await http.PostJsonAsync(ctx, "login", "/login", "{\"password\":\"secret\"}", readBody: true);
        HttpVuState.Of(ctx).BearerToken = login.JsonString("token");
        var whoami = await http.GetAsync(ctx, "whoami", "/whoami", readBody: true);

        Assert.True(json.IsOk);
        Assert.Equal([true, true, false, true], ctx.Checks.Select(c => c.Passed));
        Assert.Equal(LoopbackServer.Token, login.JsonString("token"));
        Assert.Equal("you are vu", whoami.Body);
    }

    [Fact]
    public void Https_and_redirects_fall_back_to_sockets()
    {
        using var https = HttpTarget.Create("https://127.0.0.1:1", Raw);
        using var redirects = HttpTarget.Create(server.BaseUrl, Raw with { FollowRedirects = true });

        Assert.False(https.Request(HttpMethod.Get, "/").UsesRawTransport);
        Assert.False(redirects.Request(HttpMethod.Get, "/").UsesRawTransport);
    }

    [Theory]
    [InlineData("raw", true)]
    [InlineData("Sockets", true)]
    [InlineData("auto", true)]
    [InlineData("quic", false)]
    public void The_config_names_the_transport(string transport, bool valid)
    {
        var settings = new HttpScenarioSettings { Transport = transport, Requests = [new() { Name = "a", Url = "http://127.0.0.1:1/" }] };

        var errors = settings.Validate("Http");

        Assert.Equal(valid ? [] : ["Http.Transport: 'quic' is not a transport (auto | raw | sockets)"], errors);
    }
}
