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
        await using var server = new MisbehavingServer(async c =>
        {
            while (await c.ReadRequestAsync() is { } head)
            {
                heads.Enqueue(head); // read as Latin-1: one char per byte on the wire
                await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            }
        });
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
}
