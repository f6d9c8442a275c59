using LoadHarness.Core.Execution;
using LoadHarness.Core.Load;
using LoadHarness.Core.Scenarios;
using LoadHarness.Http.Scenarios;

namespace LoadHarness.Http.Tests;

/// <summary>The built-in http scenario through the real engine against Kestrel.</summary>
[Collection(ServerCollection.Name)]
public sealed class HttpScenarioRunTests(LoopbackServer server)
{
    [Fact]
    public async Task A_short_run_records_one_step_per_request_with_its_counts_checks_and_error_kinds()
    {
        var settings = new HttpScenarioSettings
        {
            Requests =
            [
                new() { Name = "login", Method = "POST", Url = "/login", Body = "{\"password\":\"secret\"}", Checks = ["status == 200", "has token: body contains token"] },
                new() { Name = "home", Url = "/ok", Checks = ["status == 200", "body contains nope"], ThinkTime = "20ms" },
                new() { Name = "broken", Url = "/fail", Checks = ["status < 500"] },
            ],
        };
        var api = HttpScenarios.Create("http", settings, server.BaseUrl)
            .WithLoadSimulations(LoadSimulation.IterationsForConstant(2, 20))
            .WithGracefulStop(TimeSpan.FromSeconds(5));
        var slow = HttpScenarios.Create("slow", new HttpScenarioSettings { BaseUrl = server.BaseUrl, Requests = [new() { Name = "slow", Url = "/slow" }] }, null)
            .WithLoadSimulations(LoadSimulation.IterationsForConstant(1, 2))
            .WithRequestTimeout(TimeSpan.FromMilliseconds(300))
            .WithGracefulStop(TimeSpan.FromSeconds(5));

        var result = await new LoadRunner().RunAsync(new TestDefinition { Scenarios = [api, slow] }, new RunOptions());

        var http = result.Scenarios.Single(s => s.Name == "http");
        Assert.Equal(["login", "home", "broken"], http.Steps.Select(s => s.Name));
        Assert.All(http.Steps, s => Assert.Equal(20, s.Stats.RequestCount));
        Assert.Equal(20, http.Steps[1].Stats.OkCount);
        Assert.Equal(2 * 20, http.Steps[1].Stats.BytesTotal);
        var broken = http.Steps[2].Stats;
        Assert.Equal(20, broken.FailCount);
        Assert.Equal("status 500", Assert.Single(broken.Errors).Kind);
        Assert.Equal(20, broken.StatusCodes["500"]);
        Assert.Equal(20, http.Stats.FailCount);

        var checks = http.Checks.ToDictionary(c => (c.Step, c.Name), c => (c.Passes, c.Fails));
        Assert.Equal((20L, 0L), checks[("login", "status == 200")]);
        Assert.Equal((20L, 0L), checks[("login", "has token")]);
        Assert.Equal((20L, 0L), checks[("home", "status == 200")]);
        Assert.Equal((0L, 20L), checks[("home", "body contains nope")]);
        Assert.Equal((0L, 20L), checks[("broken", "status < 500")]);

        var slowStep = Assert.Single(result.Scenarios.Single(s => s.Name == "slow").Steps);
        Assert.Equal(2, slowStep.Stats.FailCount);
        Assert.Equal(ErrorKinds.Timeout, Assert.Single(slowStep.Stats.Errors).Kind);
        Assert.True(slowStep.Stats.Latency.MaxMs < 2500, $"timeout took {slowStep.Stats.Latency.MaxMs} ms");
    }

    [Fact]
    public async Task A_login_once_per_vu_gives_every_later_request_its_bearer_token()
    {
        var settings = new HttpScenarioSettings
        {
            BaseUrl = server.BaseUrl,
            Requests =
            [
                new() { Name = "login", Method = "POST", Url = "/login", Body = "{\"password\":\"secret\"}", BearerTokenFrom = "token", Once = true },
                new() { Name = "whoami", Url = "/whoami", Checks = ["status == 200"] },
            ],
        };
        var scenario = HttpScenarios.Create("http", settings, null)
            .WithLoadSimulations(LoadSimulation.IterationsForConstant(2, 10))
            .WithGracefulStop(TimeSpan.FromSeconds(5));

        var result = await new LoadRunner().RunAsync(new TestDefinition { Scenarios = [scenario] }, new RunOptions());

        var http = Assert.Single(result.Scenarios);
        var whoami = http.Steps.Single(s => s.Name == "whoami").Stats;
        Assert.Equal(10, whoami.OkCount);
        Assert.Equal(0, whoami.FailCount);
        Assert.InRange(http.Steps.Single(s => s.Name == "login").Stats.OkCount, 1, 2);
        Assert.Equal((10L, 0L), http.Checks.Where(c => c.Name == "status == 200").Select(c => (c.Passes, c.Fails)).Single());
        var token = Assert.Single(http.Checks, c => c.Name == "login: bearer token 'token' in the answer");
        Assert.Equal(0, token.Fails);
    }

    [Theory]
    [InlineData("data.tokens.0.value", true)]
    [InlineData("DATA.Tokens.0.Value", true)]
    [InlineData("token", false)]
    [InlineData("data.tokens.1.value", false)]
    public async Task A_token_found_by_a_path_is_the_bearer_and_a_missing_one_is_a_failed_check_that_names_it(string path, bool found)
    {
        var settings = new HttpScenarioSettings
        {
            BaseUrl = server.BaseUrl,
            Requests =
            [
                new() { Name = "login", Method = "POST", Url = "/login-nested", BearerTokenFrom = path, Once = true },
                new() { Name = "whoami", Url = "/whoami" },
            ],
        };
        var scenario = HttpScenarios.Create("http", settings, null)
            .WithLoadSimulations(LoadSimulation.IterationsForConstant(2, 6))
            .WithGracefulStop(TimeSpan.FromSeconds(5));

        var result = await new LoadRunner().RunAsync(new TestDefinition { Scenarios = [scenario] }, new RunOptions());

        var http = Assert.Single(result.Scenarios);
        Assert.Equal(found ? 0 : 6, http.Steps.Single(s => s.Name == "whoami").Stats.FailCount);
        var check = Assert.Single(http.Checks);
        Assert.Equal($"login: bearer token '{path}' in the answer", check.Name);
        Assert.Equal(found ? (2L, 0L) : (0L, 2L), (check.Passes, check.Fails));
    }

    [Theory]
    [InlineData(HttpTransport.Sockets, "/ok", 0)]
    [InlineData(HttpTransport.Raw, "/ok", 0)]
    [InlineData(HttpTransport.Raw, "/fail", 15)]
    public async Task A_single_request_scenario_records_its_step_its_iterations_and_checks_alike_on_both_transports(HttpTransport transport, string url, long failures)
    {
        var settings = new HttpScenarioSettings
        {
            BaseUrl = server.BaseUrl,
            Transport = transport.ToString().ToLowerInvariant(),
            Requests = [new() { Name = "one", Url = url, Checks = ["status == 200"] }],
        };
        var scenario = HttpScenarios.Create("http", settings, null)
            .WithLoadSimulations(LoadSimulation.IterationsForConstant(3, 15))
            .WithGracefulStop(TimeSpan.FromSeconds(5));

        var result = await new LoadRunner().RunAsync(new TestDefinition { Scenarios = [scenario] }, new RunOptions());

        var http = Assert.Single(result.Scenarios);
        var step = Assert.Single(http.Steps);
        Assert.Equal("one", step.Name);
        Assert.Equal(15, step.Stats.RequestCount);
        Assert.Equal(failures, step.Stats.FailCount);
        Assert.Equal(15, http.Stats.RequestCount);
        Assert.Equal(failures, http.Stats.FailCount);
        Assert.Equal(15, http.Iterations.Completed);
        if (failures > 0)
        {
            Assert.Equal("status 500", Assert.Single(step.Stats.Errors).Kind);
        }

        var check = Assert.Single(http.Checks);
        Assert.Equal((15 - failures, failures), (check.Passes, check.Fails));
    }

    [Fact]
    public async Task A_raw_scenario_opens_its_first_connection_in_init_and_leaves_a_refused_one_to_its_iterations()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        static HttpScenarioSettings Settings(int port, string transport) =>
            new() { BaseUrl = $"http://127.0.0.1:{port}", Transport = transport, Requests = [new() { Name = "a", Url = "/a" }, new() { Name = "b", Url = "/b" }] };
        var listening = HttpScenarios.Create("http", Settings(port, "raw"), null);
        var refused = HttpScenarios.Create("http", Settings(LoopbackServer.ClosedPort(), "raw"), null);
        var sockets = HttpScenarios.Create("http", Settings(port, "sockets"), null);

        await listening.Init!(new ScenarioInitContext("http", ScenarioInitContext.EmptySettings, CancellationToken.None));
        using var accepted = await listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(5));
        await refused.Init!(new ScenarioInitContext("http", ScenarioInitContext.EmptySettings, CancellationToken.None));

        Assert.False(listener.Pending()); // one connection for the two requests of one origin
        Assert.Null(sockets.Init);
    }

    [Theory]
    [InlineData(HttpTransport.Sockets)]
    [InlineData(HttpTransport.Raw)]
    public async Task The_duration_a_scenario_sees_is_the_one_the_histogram_records(HttpTransport transport)
    {
        using var http = HttpTarget.Create(server.BaseUrl, new HttpTargetOptions { Transport = transport });
        var seen = new System.Collections.Concurrent.ConcurrentBag<double>();
        var scenario = Scenario.Create("one-clock", async ctx =>
            {
                var result = await http.GetAsync(ctx, "get", "/ok");
                seen.Add(result.Duration.TotalMilliseconds);
                return result.Response;
            })
            .WithLoadSimulations(LoadSimulation.IterationsForConstant(1, 30));

        var run = await new LoadRunner().RunAsync(new TestDefinition { Scenarios = [scenario] }, new RunOptions());

        var step = Assert.Single(Assert.Single(run.Scenarios).Steps).Stats;
        Assert.Equal(30, step.RequestCount);

        // HdrHistogram keeps 3 significant digits: the same duration reads back within 0.1 % (+ 1 µs of rounding).
        Assert.Equal(seen.Max(), step.Latency.MaxMs, seen.Max() * 0.002 + 0.001);
        Assert.Equal(seen.Min(), step.Latency.MinMs, seen.Min() * 0.002 + 0.001);
    }
}
