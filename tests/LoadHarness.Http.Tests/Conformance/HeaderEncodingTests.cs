using System.Collections.Concurrent;
using System.Text;
using LoadHarness.Core.Execution;
using LoadHarness.Core.Load;
using LoadHarness.Core.Scenarios;
using LoadHarness.Http.Scenarios;

namespace LoadHarness.Http.Tests.Conformance;

/// <summary>
/// What goes on the wire for a request beyond ASCII: both transports send the same bytes. Before, the raw transport
/// sent a header value as Latin-1 and the sockets transport failed every such request ("Request headers must contain
/// only ASCII characters").
/// </summary>
public sealed class HeaderEncodingTests
{
    [Theory]
    [InlineData(HttpTransport.Sockets)]
    [InlineData(HttpTransport.Raw)]
    public async Task A_non_ascii_header_is_sent_as_utf8_and_a_non_ascii_query_escaped(HttpTransport transport)
    {
        var heads = new ConcurrentQueue<string>();
        await using var server = Recording(heads);
        var settings = new HttpScenarioSettings
        {
            BaseUrl = server.BaseUrl,
            Transport = transport.ToString().ToLowerInvariant(),
            Requests = [new() { Name = "get", Url = "/search?q=東京&tag=a+b", Headers = new(StringComparer.OrdinalIgnoreCase) { ["X-Name"] = "Zoë 東京" } }],
        };
        var scenario = HttpScenarios.Create($"utf8-{transport}", settings, null)
            .WithLoadSimulations(LoadSimulation.IterationsForConstant(1, 2))
            .WithGracefulStop(TimeSpan.FromSeconds(10));

        var result = await new LoadRunner().RunAsync(new TestDefinition { Scenarios = [scenario] }, new RunOptions());

        var step = Assert.Single(Assert.Single(result.Scenarios).Steps).Stats;
        Assert.Equal((2L, 0L), (step.OkCount, step.FailCount));
        var head = heads.First();
        Assert.StartsWith("GET /search?q=%E6%9D%B1%E4%BA%AC&tag=a+b HTTP/1.1\r\n", head, StringComparison.Ordinal);
        Assert.Contains("\r\nX-Name: " + Encoding.Latin1.GetString(Encoding.UTF8.GetBytes("Zoë 東京")), head, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpTransport.Sockets)]
    [InlineData(HttpTransport.Raw)]
    public async Task A_request_says_it_is_LoadHarness_unless_it_names_its_own_user_agent(HttpTransport transport)
    {
        var heads = new ConcurrentQueue<string>();
        await using var server = Recording(heads);
        var settings = new HttpScenarioSettings
        {
            BaseUrl = server.BaseUrl,
            Transport = transport.ToString().ToLowerInvariant(),
            Requests =
            [
                new() { Name = "plain", Url = "/plain" },
                new() { Name = "own", Url = "/own", Headers = new(StringComparer.OrdinalIgnoreCase) { ["user-agent"] = "checkout-bot/2" } },
            ],
        };
        var scenario = HttpScenarios.Create($"ua-{transport}", settings, null)
            .WithLoadSimulations(LoadSimulation.IterationsForConstant(1, 1))
            .WithGracefulStop(TimeSpan.FromSeconds(10));

        await new LoadRunner().RunAsync(new TestDefinition { Scenarios = [scenario] }, new RunOptions());

        static int UserAgents(string head) => head.Split("\r\n").Count(l => l.StartsWith("User-Agent:", StringComparison.OrdinalIgnoreCase));
        var plain = Assert.Single(heads, h => h.StartsWith("GET /plain ", StringComparison.Ordinal));
        Assert.Contains("User-Agent: " + HttpTargetOptions.DefaultUserAgent, plain.Split("\r\n"));
        Assert.Matches(@"^LoadHarness/\d+\.\d+\.\d+$", HttpTargetOptions.DefaultUserAgent);
        var own = Assert.Single(heads, h => h.StartsWith("GET /own ", StringComparison.Ordinal));
        Assert.Contains(own.Split("\r\n"), l => l.Equals("User-Agent: checkout-bot/2", StringComparison.OrdinalIgnoreCase));
        Assert.Equal((1, 1), (UserAgents(plain), UserAgents(own)));

        // The C# API can send none, as wrk does.
        heads.Clear();
        using var http = HttpTarget.Create(server.BaseUrl, new HttpTargetOptions { Transport = transport, UserAgent = null });
        using var ctx = new TestContext();
        await HttpStep.Send(ctx, "bare", http.Request(HttpMethod.Get, "/bare"));
        Assert.Equal(0, UserAgents(Assert.Single(heads)));
    }

    /// <summary>A server that keeps each request's head as it came (read as Latin-1: one char per byte on the wire) and answers 200.</summary>
    private static MisbehavingServer Recording(ConcurrentQueue<string> heads) => new(async c =>
    {
        while (await c.ReadRequestAsync() is { } head)
        {
            heads.Enqueue(head);
            await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        }
    });
}
