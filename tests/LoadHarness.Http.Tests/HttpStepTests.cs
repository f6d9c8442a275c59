using LoadHarness.Core.Scenarios;
using LoadHarness.Http.Checks;

namespace LoadHarness.Http.Tests;

[Collection(ServerCollection.Name)]
public sealed class HttpStepTests(LoopbackServer server)
{
    [Fact]
    public async Task Ok_response_counts_body_bytes_while_discarding_the_body()
    {
        using var http = HttpTarget.Create(server.BaseUrl);
        using var ctx = new TestContext();

        var result = await http.GetAsync(ctx, "big", "/big");

        Assert.True(result.IsOk);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(LoopbackServer.BigSize, result.SizeBytes);
        Assert.Equal(LoopbackServer.BigSize, result.Response.SizeBytes);
        Assert.Null(result.Body);
    }

    [Fact]
    public async Task Status_500_is_a_failure_of_kind_status_500_without_secrets()
    {
        using var http = HttpTarget.Create(server.BaseUrl);
        using var ctx = new TestContext();

        var result = await http.GetAsync(ctx, "fail", "/fail");

        Assert.False(result.IsOk);
        Assert.Equal(500, result.StatusCode);
        Assert.Equal("status 500", result.Response.ErrorKind);
        Assert.Equal(4, result.SizeBytes);
        Assert.Contains("GET " + server.BaseUrl + "/fail", result.Response.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(399, true)]
    [InlineData(404, false)]
    [InlineData(503, false)]
    public async Task Statuses_from_400_fail_by_default(int code, bool ok)
    {
        using var http = HttpTarget.Create(server.BaseUrl);
        using var ctx = new TestContext();

        var result = await http.GetAsync(ctx, "status", $"/status/{code}");

        Assert.Equal(ok, result.IsOk);
        Assert.Equal(ok ? null : $"status {code}", result.Response.ErrorKind);
    }

    [Fact]
    public async Task The_failing_status_is_configurable()
    {
        using var http = HttpTarget.Create(server.BaseUrl, new HttpTargetOptions { FailStatusFrom = 500 });
        using var ctx = new TestContext();

        Assert.True((await http.GetAsync(ctx, "s", "/status/404")).IsOk);
        Assert.False((await http.GetAsync(ctx, "s", "/status/503")).IsOk);
    }

    [Fact]
    public async Task A_refused_port_is_connection_refused_and_userinfo_stays_out_of_the_message()
    {
        var port = LoopbackServer.ClosedPort();
        using var http = HttpTarget.Create($"http://alice:hunter2pw@127.0.0.1:{port}");
        using var ctx = new TestContext();
        HttpVuState.Of(ctx).BearerToken = "bearer-secret-value";

        var result = await http.GetAsync(ctx, "refused", "/ok", HttpCheck.ParseAll("status == 200"));

        Assert.False(result.IsOk);
        Assert.Equal(HttpErrors.ConnectionRefused, result.Response.ErrorKind);
        Assert.Equal(0, result.StatusCode);
        Assert.DoesNotContain("hunter2pw", result.Response.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", result.Response.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("bearer-secret-value", result.Response.Error, StringComparison.Ordinal);
        Assert.Equal([("status == 200", false)], ctx.Checks);
    }

    [Fact]
    public async Task A_response_slower_than_the_request_timeout_is_a_timeout()
    {
        using var http = HttpTarget.Create(server.BaseUrl);
        using var ctx = new TestContext(TimeSpan.FromMilliseconds(300));

        var result = await http.GetAsync(ctx, "slow", "/slow?ms=30000", HttpCheck.ParseAll("status == 200"));

        Assert.False(result.IsOk);
        Assert.Equal(ErrorKinds.Timeout, result.Response.ErrorKind);
        // The server answers after 30 s: anything shorter is the timeout, however slow the machine. (The duration counts
        // from the step's start; the context's 300 ms count from its creation, a little earlier on a busy machine.)
        Assert.InRange(result.Duration.TotalMilliseconds, 1, 25_000);
        Assert.Empty(ctx.Checks);
    }

    [Fact]
    public async Task Checks_are_counted_apart_from_failures()
    {
        using var http = HttpTarget.Create(server.BaseUrl);
        using var ctx = new TestContext();
        var checks = HttpCheck.ParseAll("status == 200", "created: status == 201", "duration < 10s", "header Content-Type contains text/plain");

        var ok = await http.GetAsync(ctx, "ok", "/ok", checks);
        var failed = await http.GetAsync(ctx, "fail", "/fail", HttpCheck.ParseAll("status != 200"));

        Assert.True(ok.IsOk);
        Assert.False(failed.IsOk);
        Assert.Equal(
            [("status == 200", true), ("created", false), ("duration < 10s", true), ("header Content-Type contains text/plain", true), ("status != 200", true)],
            ctx.Checks);
    }

    [Fact]
    public async Task A_body_check_reads_the_body_and_still_counts_its_bytes()
    {
        using var http = HttpTarget.Create(server.BaseUrl);
        using var ctx = new TestContext();
        var checks = HttpCheck.ParseAll("body contains hello json", "body contains \"absent\"", "body not contains absent", "header content-type contains JSON");

        var result = await http.GetAsync(ctx, "json", "/json", checks);

        Assert.True(result.IsOk);
        Assert.Null(result.Body);
        Assert.Equal("{\"message\":\"hello json\"}".Length, result.SizeBytes);
        Assert.Equal([true, false, true, true], ctx.Checks.Select(c => c.Passed));
    }

    [Fact]
    public async Task Login_reads_the_token_and_every_later_request_of_the_vu_carries_it()
    {
        using var http = HttpTarget.Create(server.BaseUrl);
        using var vu = new TestContext();
        using var other = new TestContext();

        var login = await http.PostJsonAsync(vu, "login", "/login", "{\"user\":\"a\",\"password\":\"secret\"}", readBody: true);
        HttpVuState.Of(vu).BearerToken = login.JsonString("token");
        var first = await http.GetAsync(vu, "whoami", "/whoami", readBody: true);
        var second = await http.GetAsync(vu, "whoami", "/whoami");
        var stranger = await http.GetAsync(other, "whoami", "/whoami");
        HttpVuState.Of(vu).BearerToken = null;
        var loggedOut = await http.GetAsync(vu, "whoami", "/whoami");

        Assert.True(login.IsOk);
        Assert.Equal(LoopbackServer.Token, login.JsonString("token"));
        Assert.Equal("you are vu", first.Body);
        Assert.Equal(200, second.StatusCode);
        Assert.Equal(401, stranger.StatusCode);
        Assert.Equal(401, loggedOut.StatusCode);
    }

    [Fact]
    public async Task A_template_is_sent_many_times_by_one_vu_and_by_parallel_requests()
    {
        using var http = HttpTarget.Create(server.BaseUrl);
        using var ctx = new TestContext();
        var echo = http.Request(HttpMethod.Get, "/echo", [new("X-Echo", "again")], readBody: true);

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal("again", (await HttpStep.Send(ctx, "echo", echo)).Body);
        }

        var parallel = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => HttpStep.Send(ctx, "echo", echo).AsTask()));
        Assert.All(parallel, r => Assert.Equal("again", r.Body));
    }

    [Fact]
    public void Relative_urls_are_appended_to_the_base_path()
    {
        using var http = HttpTarget.Create("http://127.0.0.1:1/api/");

        Assert.Equal("http://127.0.0.1:1/api/users?x=1", http.Resolve("/users?x=1").ToString());
        Assert.Equal("http://127.0.0.1:1/api/users", http.Resolve("users").ToString());
        Assert.Equal("http://other:2/x", http.Resolve("http://other:2/x").ToString());
        Assert.Throws<ArgumentException>(() => http.Resolve("htp:/x"));
    }
}
