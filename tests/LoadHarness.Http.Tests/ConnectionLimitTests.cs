using LoadHarness.Core.Scenarios;
using LoadHarness.Http.Scenarios;

namespace LoadHarness.Http.Tests;

/// <summary>The open-file limit and the connection cap that keeps a run under it (real sockets against Kestrel).</summary>
[Collection(ServerCollection.Name)]
public sealed class ConnectionLimitTests(LoopbackServer server)
{
    [Fact]
    public void The_default_cap_leaves_the_reserve_of_the_open_file_limit()
    {
        var soft = OpenFileLimit.Current;
        Assert.NotNull(soft); // the tests run on Linux

        Assert.Equal((int)Math.Min(int.MaxValue, Math.Max(64, soft.Value - OpenFileLimit.Reserve)), OpenFileLimit.DefaultMaxConnections);
        Assert.Equal(OpenFileLimit.DefaultMaxConnections, new HttpTargetOptions().MaxConnectionsPerServer);
    }

    [Fact]
    public void Raising_never_lowers_the_limit()
    {
        var before = OpenFileLimit.Current;

        var after = OpenFileLimit.Raise();

        Assert.NotNull(after);
        Assert.True(after >= before, $"{after} < {before}");
        Assert.Equal(after, OpenFileLimit.Current);
    }

    [Theory]
    [InlineData(HttpTransport.Sockets, false)]
    [InlineData(HttpTransport.Raw, false)]
    [InlineData(HttpTransport.Raw, true)] // connections given back on the epoll thread, handed to waiters in batches
    public async Task Requests_beyond_the_cap_wait_for_a_connection_instead_of_opening_more(HttpTransport transport, bool inline)
    {
        using var http = HttpTarget.Create(server.BaseUrl, new HttpTargetOptions { MaxConnectionsPerServer = 2, Transport = transport, InlineCompletions = inline });

        // Eight VUs at once: with two connections allowed, the server sees at most two client ports.
        var ports = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var ctx = new TestContext();
            var seen = new List<string?>();
            for (var i = 0; i < 5; i++)
            {
                var result = await http.GetAsync(ctx, "port", "/port", readBody: true);
                Assert.True(result.IsOk, result.Response.Error);
                seen.Add(result.Body);
            }

            return seen;
        })).WaitAsync(TimeSpan.FromSeconds(30)); // a waiter never handed a connection fails here instead of hanging

        var distinct = ports.SelectMany(p => p).Distinct().Count();
        Assert.InRange(distinct, 1, 2);
    }

    [Fact]
    public async Task Raw_connections_are_shared_by_the_vus_of_a_target_and_dropped_ones_replaced()
    {
        using var http = HttpTarget.Create(server.BaseUrl, new HttpTargetOptions { Transport = HttpTransport.Raw });
        using var first = new TestContext();
        using var second = new TestContext();

        // One VU after the other: the second takes the connection the first gave back.
        var a = await http.GetAsync(first, "port", "/port", readBody: true);
        var b = await http.GetAsync(second, "port", "/port", readBody: true);
        Assert.Equal(a.Body, b.Body);

        // The server closes it ("Connection: close"): the next request of either VU gets a new one.
        var closed = await http.GetAsync(first, "close", "/close", readBody: true);
        var c = await http.GetAsync(second, "port", "/port", readBody: true);
        Assert.Equal(a.Body, closed.Body);
        Assert.True(c.IsOk, c.Response.Error);
        Assert.NotEqual(a.Body, c.Body);
    }

    [Fact]
    public async Task A_request_waiting_for_a_raw_connection_gives_up_when_its_token_fires()
    {
        using var http = HttpTarget.Create(server.BaseUrl, new HttpTargetOptions { MaxConnectionsPerServer = 1, Transport = HttpTransport.Raw });
        using var slow = new TestContext(TimeSpan.FromMilliseconds(1500)); // holds the only connection, then times out
        var holding = http.GetAsync(slow, "slow", "/slow").AsTask();
        await Task.Delay(100);

        using var waiting = new TestContext(TimeSpan.FromMilliseconds(300));
        var timedOut = await http.GetAsync(waiting, "port", "/port");
        var held = await holding;
        using var after = new TestContext();
        var next = await http.GetAsync(after, "port", "/port");

        Assert.Equal(ErrorKinds.Timeout, held.Response.ErrorKind);
        Assert.True(next.IsOk, next.Response.Error); // the aborted connection's slot was freed
        Assert.False(timedOut.IsOk);
        Assert.Equal(ErrorKinds.Timeout, timedOut.Response.ErrorKind);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_connection_given_back_while_its_waiter_gave_up_goes_to_the_next_request(bool inline)
    {
        using var http = HttpTarget.Create(server.BaseUrl, new HttpTargetOptions { MaxConnectionsPerServer = 1, Transport = HttpTransport.Raw, InlineCompletions = inline });
        using var first = new TestContext();
        var port = await http.GetAsync(first, "port", "/port", readBody: true);
        // Holds the only connection (idle since the request above, so taken before GetAsync returns), then gives it back.
        var holding = http.GetAsync(first, "slow", "/slow?ms=1500").AsTask();

        using var waiting = new TestContext(TimeSpan.FromMilliseconds(200)); // gives up while it is held
        var gaveUp = await http.GetAsync(waiting, "port", "/port");
        var held = await holding;
        using var after = new TestContext(TimeSpan.FromSeconds(5));
        var next = await http.GetAsync(after, "port", "/port", readBody: true);

        Assert.Equal(ErrorKinds.Timeout, gaveUp.Response.ErrorKind);
        Assert.True(held.IsOk, held.Response.Error);
        Assert.True(next.IsOk, next.Response.Error);
        Assert.Equal(port.Body, next.Body); // the same connection, not a new one
    }

    [Fact]
    public void MaxConnections_below_one_is_an_error_naming_its_path()
    {
        var settings = new HttpScenarioSettings { MaxConnections = 0, Requests = [new() { Name = "a", Url = "http://127.0.0.1/" }] };

        Assert.Equal(["Http.MaxConnections: 0 must be at least 1"], settings.Validate("Http"));
    }
}
