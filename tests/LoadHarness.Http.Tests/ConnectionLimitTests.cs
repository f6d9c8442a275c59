using LoadHarness.Http.Scenarios;

namespace LoadHarness.Http.Tests;

/// <summary>The open-file limit and the connection cap that keeps a run under it (real sockets against Kestrel).</summary>
[Collection(ServerCollection.Name)]
public sealed class ConnectionLimitTests(TestServer server)
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

    [Fact]
    public async Task Requests_beyond_the_cap_wait_for_a_connection_instead_of_opening_more()
    {
        using var http = HttpTarget.Create(server.BaseUrl, new HttpTargetOptions { MaxConnectionsPerServer = 2 });

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
        }));

        var distinct = ports.SelectMany(p => p).Distinct().Count();
        Assert.InRange(distinct, 1, 2);
    }

    [Fact]
    public void MaxConnections_below_one_is_an_error_naming_its_path()
    {
        var settings = new HttpScenarioSettings { MaxConnections = 0, Requests = [new() { Name = "a", Url = "http://127.0.0.1/" }] };

        Assert.Equal(["Http.MaxConnections: 0 must be at least 1"], settings.Validate("Http"));
    }
}
