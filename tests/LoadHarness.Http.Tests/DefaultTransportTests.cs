using LoadHarness.Core.Execution;
using LoadHarness.Core.Load;
using LoadHarness.Core.Scenarios;
using LoadHarness.Http.Raw.Epoll;
using LoadHarness.Http.Scenarios;

namespace LoadHarness.Http.Tests;

/// <summary>
/// The fast path is the default of config-defined Http scenarios: raw for what it can send ("auto"), sockets only when
/// asked for or for what raw cannot send; their raw connections continue on the epoll thread where that is the default.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class DefaultTransportTests(LoopbackServer server)
{
    [Theory]
    [InlineData(null, HttpTransport.Raw)]
    [InlineData("", HttpTransport.Raw)]
    [InlineData("auto", HttpTransport.Raw)]
    [InlineData(" Auto ", HttpTransport.Raw)]
    [InlineData("raw", HttpTransport.Raw)]
    [InlineData("sockets", HttpTransport.Sockets)]
    [InlineData("SOCKETS", HttpTransport.Sockets)]
    public void A_config_scenario_is_raw_unless_it_says_sockets(string? transport, HttpTransport expected)
    {
        var settings = new HttpScenarioSettings { Transport = transport, Requests = [new() { Name = "a", Url = "http://127.0.0.1:1/" }] };

        Assert.Empty(settings.Validate("Http"));
        Assert.Equal(expected, settings.TransportKind);
    }

    [Fact]
    public async Task A_scenario_without_a_transport_sends_http_over_raw_and_https_over_sockets_without_a_note()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var plain = new HttpScenarioSettings { BaseUrl = $"http://127.0.0.1:{port}", Requests = [new() { Name = "a", Url = "/a" }] };
        var tls = new HttpScenarioSettings { BaseUrl = "https://127.0.0.1:1", Requests = [new() { Name = "t", Url = "/t" }] };

        var raw = HttpScenarios.Create("plain", plain, null);
        await raw.Init!(new ScenarioInitContext("plain", ScenarioInitContext.EmptySettings, CancellationToken.None));
        using var accepted = await listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(5)); // raw preconnects in init

        Assert.Null(HttpScenarios.Create("tls", tls, null).Init); // nothing raw can send: no raw connection to open

        // The think timer may resume VUs in shared work items only when nothing in an iteration can block a thread.
        Assert.Equal(RawInline.ForScenariosWithoutUserCode, raw.IterationsNeverBlock);
        Assert.False(HttpScenarios.Create("tls", tls, null).IterationsNeverBlock);
        Assert.False(HttpScenarios.Create("s", new HttpScenarioSettings { BaseUrl = plain.BaseUrl, Transport = "sockets", Requests = plain.Requests }, null).IterationsNeverBlock);
        Assert.Empty(HttpTransportFallbacks.Of(tls, null)); // auto falls back silently; "raw" would say so
        Assert.Single(HttpTransportFallbacks.Of(new HttpScenarioSettings { BaseUrl = tls.BaseUrl, Transport = "raw", Requests = tls.Requests }, null));
    }

    [Theory]
    [InlineData(null, 1, true)]
    [InlineData(null, 2, true)]
    [InlineData(null, 4, false)]
    [InlineData("", 2, true)]
    [InlineData("1", 64, true)]
    [InlineData("true", 64, true)]
    [InlineData("0", 2, false)]
    [InlineData("false", 1, false)]
    public void Inline_completions_are_the_default_on_small_machines_and_the_variable_decides_otherwise(string? variable, int cores, bool inline) =>
        Assert.Equal(inline, RawInline.Decide(variable, cores));

    [Fact]
    public async Task A_target_with_inline_completions_continues_on_the_epoll_thread_and_one_without_on_the_pool()
    {
        // The epoll engine applies on Linux x64, where these tests run; the process-wide switch would make every socket inline.
        var engine = EpollEngine.Shared ?? throw new InvalidOperationException("the epoll engine applies on Linux x64, where these tests run");
        Assert.False(engine.InlineCompletions, "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 is set for the test process");
        foreach (var inline in new[] { true, false })
        {
            using var http = HttpTarget.Create(server.BaseUrl, new HttpTargetOptions { Transport = HttpTransport.Raw, InlineCompletions = inline });
            var threads = new System.Collections.Concurrent.ConcurrentBag<(string? Name, bool Pooled)>();
            var scenario = Scenario.Create("where", async ctx =>
                {
                    var result = await http.GetAsync(ctx, "get", "/ok");
                    threads.Add((Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread));
                    return result.Response;
                })
                .WithLoadSimulations(LoadSimulation.IterationsForConstant(2, 20));

            var run = await new LoadRunner().RunAsync(new TestDefinition { Scenarios = [scenario] }, new RunOptions());

            Assert.Equal(20, Assert.Single(Assert.Single(run.Scenarios).Steps).Stats.OkCount);
            Assert.Equal(20, threads.Count);
            if (inline)
            {
                // The first request of each VU may complete synchronously on its caller (nothing to wait for); the rest come off the engine.
                Assert.Contains(threads, t => t.Name == "loadharness-epoll" && !t.Pooled);
            }
            else
            {
                Assert.All(threads, t => Assert.NotEqual("loadharness-epoll", t.Name));
            }
        }
    }
}
