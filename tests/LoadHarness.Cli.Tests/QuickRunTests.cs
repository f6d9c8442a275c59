using LoadHarness.Cli.Configuration;
using LoadHarness.Cli.Embedded;
using LoadHarness.Cli.Tests.Fixtures;
using LoadHarness.Reporting.Json;
using LoadHarness.Scenarios.Catalog;
using LoadHarness.Testing;

namespace LoadHarness.Cli.Tests;

/// <summary>The first minute: a run from flags alone, and an embedded default that starts only what the scenarios need.</summary>
public sealed class QuickRunTests(LoopbackServer server) : IClassFixture<LoopbackServer>
{
    [Fact]
    public async Task A_quick_run_from_flags_runs_gates_and_reports_without_a_config_or_an_embedded_target()
    {
        using var temp = new TempFolder();
        var outcome = await CliRunner.RunAsync(
            "run", "--url", server.BaseUrl + "/ok?key=s3cret", "--vus", "3", "--duration", "2s", "--think", "50ms",
            "--threshold", "rate < 0.01", "--threshold", "count > 1000000", "--out", temp.File("out"), "--quiet");

        Assert.True(outcome.ExitCode == 99, outcome.ToString()); // the impossible count gates
        Assert.DoesNotContain("embedded", outcome.Out, StringComparison.Ordinal);
        var result = await RunResultJson.ReadAsync(temp.File("out/result.json"));
        var quick = Assert.Single(result.Scenarios);
        Assert.Equal(QuickRunConfig.ScenarioName, quick.Name);
        Assert.Equal(3, quick.PeakVUs);
        Assert.True(quick.Stats.OkCount > 3, outcome.ToString());
        Assert.Equal(["rate < 0.01", "count > 1000000"], result.Thresholds.Select(t => t.Expression));
        Assert.True(result.Thresholds[0].Passed);
        Assert.True(File.Exists(temp.File("out/index.html")));

        // Where the load went, for the reports and compare: the URL without its query (which may hold a key).
        Assert.Equal(server.BaseUrl + "/ok", result.Test.Targets[QuickRunConfig.ScenarioName]);
        Assert.Contains("Target quick", await File.ReadAllTextAsync(temp.File("out/index.html")), StringComparison.Ordinal);

        // The version the result records is the one `loadharness --version` prints, the command's own (they were 1.0.0 and 0.1.0).
        var version = typeof(CliApp).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion;
        Assert.Equal(version, result.Environment.HarnessVersion);

        // Retries are counted in the result even when there were none (a threshold on them always has data).
        Assert.Equal(0, Assert.Single(result.Measurements, m => m.Name == "http.retries").Value);
        Assert.DoesNotContain(result.Sections, s => s.Id == "http-retries");
    }

    [Fact]
    public async Task Quick_runs_of_other_requests_are_other_tests_so_a_trend_of_their_folder_judges_each_request_by_its_own_runs()
    {
        using var temp = new TempFolder();
        foreach (var path in new[] { "/ok", "/ok", "/json", "/ok?key=s3cret" })
        {
            var run = await CliRunner.RunAsync("run", "--url", server.BaseUrl + path, "--vus", "1", "--duration", "1s", "--think", "20ms",
                "--report-folder", temp.Path, "--quiet");
            Assert.True(run.ExitCode == 0, run.ToString());
        }

        // Every quick run's reports go to reports/quick/<UTC timestamp>/, and each is named by its request (no query).
        var folders = Directory.GetDirectories(temp.File(QuickRunConfig.TestSuite));
        Assert.Equal(4, folders.Length);
        var names = new List<string>();
        foreach (var folder in folders)
        {
            var test = (await RunResultJson.ReadAsync(Path.Combine(folder, "result.json"))).Test;
            Assert.Equal(QuickRunConfig.TestSuite, test.TestSuite);
            names.Add(test.TestName);
        }

        Assert.Equal(["GET /json", "GET /ok", "GET /ok", "GET /ok"], names.Order(StringComparer.Ordinal));

        // The latest (GET /ok) is judged against the two earlier GET /ok runs; the GET /json run is left out, and said.
        // Before, all four were "quick / quick", and /json's figures were part of /ok's baseline.
        var trend = await CliRunner.RunAsync("trend", temp.File(QuickRunConfig.TestSuite));
        Assert.True(trend.ExitCode == 0, trend.ToString());
        Assert.Contains("1 run(s) of other tests left out (quick / GET /json)", trend.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("NOT JUDGED", trend.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quick_run_at_a_rate_uses_the_open_model()
    {
        using var temp = new TempFolder();
        var outcome = await CliRunner.RunAsync("run", "--url", server.BaseUrl + "/ok", "--rate", "20", "--duration", "2s", "--out", temp.File("out"), "--quiet");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var quick = Assert.Single((await RunResultJson.ReadAsync(temp.File("out/result.json"))).Scenarios);
        Assert.Equal(Core.Results.LoadModel.Open, quick.Model);
        Assert.InRange(quick.Iterations.Started + quick.Iterations.Dropped, 38, 42);
    }

    [Theory]
    [InlineData("--url", "ftp://x/", "--url: 'ftp://x/' is not an absolute http(s) URL")]
    [InlineData("--vus", "0", "--vus belongs to a quick run")]
    public async Task Bad_quick_run_flags_exit_2_naming_the_flag(string flag, string value, string message)
    {
        var outcome = await CliRunner.RunAsync("run", flag, value);

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Contains(message, outcome.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_requests_are_named_in_the_summary_and_a_run_without_thresholds_says_nothing_gated_them()
    {
        using var temp = new TempFolder();
        var url = $"http://127.0.0.1:{LoopbackServer.ClosedPort()}/";
        var outcome = await CliRunner.RunAsync("run", "--url", url, "--duration", "1s", "--think", "100ms", "--out", temp.File("out"), "--quiet");

        Assert.True(outcome.ExitCode == 0, outcome.ToString()); // no threshold: as k6, nothing gates
        Assert.Contains("✗ connection refused: ", outcome.Out, StringComparison.Ordinal);
        Assert.Contains($"(first: GET {url}: Connection refused)", outcome.Out, StringComparison.Ordinal);
        Assert.Matches(@"thresholds: none, so nothing gates this run although (\d+) of \1 requests failed", outcome.Out);
        Assert.Contains("no thresholds to judge; exit 0; reports: ", outcome.Out, StringComparison.Ordinal); // not "thresholds passed"
        Assert.Contains("the first row times whole iterations without think time, the rows below it each request", outcome.Out, StringComparison.Ordinal);

        var healthy = await CliRunner.RunAsync("run", "--url", server.BaseUrl + "/ok", "--duration", "1s", "--think", "100ms", "--out", temp.File("ok"), "--quiet");
        Assert.True(healthy.ExitCode == 0, healthy.ToString());
        Assert.Contains("thresholds: none\n", healthy.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("✗", healthy.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_quick_run_threshold_is_told_by_its_flag_not_by_the_generated_json()
    {
        var outcome = await CliRunner.RunAsync("run", "--url", server.BaseUrl + "/ok", "--duration", "1s", "--threshold", "p(95) <<< 5");

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Contains("run --url: 1 problem:", outcome.Err, StringComparison.Ordinal);
        Assert.Contains("--threshold: bad threshold 'p(95) <<< 5': expected a number at position 7", outcome.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("ScenariosSettings", outcome.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("(line", outcome.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_is_named_in_the_summary_and_quick_run_checks_gate_on_it_until_it_is_followed()
    {
        using var temp = new TempFolder();
        string[] gate = ["run", "--url", server.BaseUrl + "/moved", "--vus", "2", "--duration", "1s", "--check", "status == 200", "--threshold", "checks > 0.99", "--formats", "", "--quiet"];

        // Not followed: every answer is a 302, which is no failure (err 0 %), so the summary names the codes and the
        // check on the status crosses the gate.
        var moved = await CliRunner.RunAsync([.. gate, "--out", temp.File("moved")]);
        Assert.True(moved.ExitCode == 99, moved.ToString());
        Assert.Matches(@"status codes: 302 × [\d,]+ \(100 %\)", moved.Out);
        Assert.Contains("3xx answers were not followed (k6 and hey follow redirects)", moved.Out, StringComparison.Ordinal);
        Assert.Contains("✗ check request: status == 200  0.00%", moved.Out, StringComparison.Ordinal);
        var result = await RunResultJson.ReadAsync(temp.File("moved/result.json"));
        Assert.Equal(0, Assert.Single(result.Scenarios).Stats.FailCount);

        // Followed: the check sees the page the redirect leads to.
        var followed = await CliRunner.RunAsync([.. gate, "--follow-redirects", "--out", temp.File("followed")]);
        Assert.True(followed.ExitCode == 0, followed.ToString());
        Assert.Contains("✓ check request: status == 200  100.00%", followed.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("status codes:", followed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checks_threshold_on_a_run_without_checks_says_why_it_has_no_data()
    {
        using var temp = new TempFolder();
        var outcome = await CliRunner.RunAsync("run", "--url", server.BaseUrl + "/ok", "--duration", "1s", "--threshold", "checks > 0.99",
            "--out", temp.File("out"), "--formats", "", "--quiet");

        Assert.True(outcome.ExitCode == 99, outcome.ToString());
        Assert.Contains("checks: no data (limit > 0.99): no check ran (checks come from an Http request's \"Checks\", --check on a quick run", outcome.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("status codes:", outcome.Out, StringComparison.Ordinal); // every answer a 200
    }

    [Fact]
    public async Task A_self_signed_certificate_is_a_tls_error_that_says_why_until_the_quick_run_skips_verification()
    {
        var tls = new TlsLoopbackServer();
        await tls.InitializeAsync();
        try
        {
            await SelfSignedAsync(tls);
        }
        finally
        {
            await tls.DisposeAsync();
        }
    }

    private static async Task SelfSignedAsync(TlsLoopbackServer tls)
    {
        using var temp = new TempFolder();
        string[] run = ["run", "--url", tls.BaseUrl + "/ok", "--vus", "1", "--duration", "1s", "--think", "100ms", "--check", "body contains ok",
            "--threshold", "rate < 0.01", "--formats", "", "--quiet"];

        var refused = await CliRunner.RunAsync([.. run, "--out", temp.File("refused")]);
        Assert.True(refused.ExitCode == 99, refused.ToString());
        Assert.Contains("✗ tls error: ", refused.Out, StringComparison.Ordinal);
        Assert.Contains("The remote certificate is invalid", refused.Out, StringComparison.Ordinal); // the inner exception's words, not "see inner exception"
        Assert.Contains("--insecure-skip-tls-verify on a quick run", refused.Out, StringComparison.Ordinal);

        var accepted = await CliRunner.RunAsync([.. run, "--insecure-skip-tls-verify", "--out", temp.File("accepted")]);
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.Contains("✓ check request: body contains ok  100.00%", accepted.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--insecure-skip-tls-verify", null, "--insecure-skip-tls-verify belongs to a quick run")]
    [InlineData("--check", "status == 200", "--check belongs to a quick run")]
    [InlineData("--follow-redirects", null, "--follow-redirects belongs to a quick run")]
    public async Task Quick_run_check_flags_without_a_url_exit_2(string flag, string? value, string message)
    {
        var outcome = await CliRunner.RunAsync(value is null ? ["run", flag] : ["run", flag, value]);

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Contains(message, outcome.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quick_run_sends_the_method_headers_and_body_it_is_given()
    {
        using var temp = new TempFolder();
        var order = temp.Write("order.json", "{\"sku\": \"A-1\", \"qty\": 2}");
        var url = server.BaseUrl + "/mirror";

        // curl's spellings: -X, -H, -d @file; a body goes as application/json (an Http request's default) unless a header says otherwise.
        var json = await CliRunner.RunAsync(
            "run", "--url", url, "-X", "put", "-H", "X-Tenant: acme", "--header", "Authorization:Bearer t0k", "-d", "@" + order,
            "--vus", "2", "--duration", "1s", "--check", "body contains 'PUT application/json acme Bearer t0k {\"sku\": \"A-1\", \"qty\": 2}'",
            "--threshold", "checks > 0.99", "--out", temp.File("json"));

        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Contains($"  quick: 2 VUs for 1 s, no think time → PUT {url}\n", json.Out, StringComparison.Ordinal);
        var result = await RunResultJson.ReadAsync(temp.File("json/result.json"));
        Assert.True(result.Scenarios[0].Stats.OkCount > 2, json.ToString());
        Assert.Equal("PUT " + url, result.Test.Targets[QuickRunConfig.ScenarioName]); // compare notes another method as another target

        // The method's case is the user's; a header's Content-Type wins over the default.
        var text = await CliRunner.RunAsync(
            "run", "--url", url, "--method", "post", "--body", "hello", "--duration", "1s",
            "--check", "body contains 'POST application/json   hello'", "--threshold", "checks > 0.99", "--out", temp.File("text"), "--quiet");
        Assert.True(text.ExitCode == 0, text.ToString());
        var typed = await CliRunner.RunAsync(
            "run", "--url", url, "-X", "POST", "-H", "Content-Type: text/plain", "-d", "[1, 2]", "--duration", "1s",
            "--check", "body contains 'POST text/plain   [1, 2]'", "--threshold", "checks > 0.99", "--out", temp.File("typed"), "--quiet");
        Assert.True(typed.ExitCode == 0, typed.ToString());
    }

    [Theory]
    [InlineData("--header", "Authorization Bearer abc", "--header: 'Authorization Bearer abc' is not 'Name: value'")]
    [InlineData("--header", ": no name", "--header: ': no name' is not 'Name: value'")]
    [InlineData("--header", "Bad Name: x", "--header: 'Bad Name' is not a valid header name")]
    [InlineData("--method", "PSOT", "--method: 'PSOT' is not an HTTP method (did you mean POST?)")]
    [InlineData("--body", "@no-such-order.json", "--body: file not found: ")]
    [InlineData("--body", "@", "--body: '@' names no file")]
    public async Task A_bad_method_header_or_body_exits_2_naming_the_flag(string flag, string value, string message)
    {
        var outcome = await CliRunner.RunAsync("run", "--url", server.BaseUrl + "/mirror", "--duration", "1s", flag, value);

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Contains(message, outcome.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("ScenariosSettings", outcome.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_given_twice_or_request_flags_without_a_url_exit_2()
    {
        var twice = await CliRunner.RunAsync("run", "--url", server.BaseUrl + "/mirror", "-H", "X-Tenant: a", "-H", "x-tenant: b");
        Assert.True(twice.ExitCode == 2, twice.ToString());
        Assert.Contains("--header: 'x-tenant' is given twice", twice.Err, StringComparison.Ordinal);

        foreach (var (flag, value) in new[] { ("-X", "POST"), ("-H", "X-Tenant: a"), ("-d", "{}") })
        {
            var stray = await CliRunner.RunAsync("run", flag, value);
            Assert.True(stray.ExitCode == 2, stray.ToString());
            Assert.Contains("belongs to a quick run: give --url too", stray.Err, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_quick_run_of_so_many_iterations_runs_exactly_that_many_and_a_timeout_fails_a_slow_answer()
    {
        using var temp = new TempFolder();

        // hey -n 60 -c 4 / k6 run --iterations 60 --vus 4: the VUs share the count.
        var closed = await CliRunner.RunAsync("run", "--url", server.BaseUrl + "/ok", "-n", "60", "--vus", "4", "--out", temp.File("closed"));
        Assert.True(closed.ExitCode == 0, closed.ToString());
        Assert.Contains("  quick: 4 VUs, 60 iterations, no think time → ", closed.Out, StringComparison.Ordinal);
        var quick = Assert.Single((await RunResultJson.ReadAsync(temp.File("closed/result.json"))).Scenarios);
        Assert.Equal((60, 60), (quick.Iterations.Completed, quick.Stats.RequestCount));

        var open = await CliRunner.RunAsync("run", "--url", server.BaseUrl + "/ok", "--iterations", "15", "--rate", "50", "--out", temp.File("open"));
        Assert.True(open.ExitCode == 0, open.ToString());
        Assert.Contains("  quick: 15 iterations at 50 iterations/s (at most 100 VUs), no think time → ", open.Out, StringComparison.Ordinal);
        quick = Assert.Single((await RunResultJson.ReadAsync(temp.File("open/result.json"))).Scenarios);
        Assert.Equal(Core.Results.LoadModel.Open, quick.Model);
        Assert.Equal(15, quick.Stats.RequestCount);

        // --timeout: a request waiting longer for its answer fails as a timeout, when it is due.
        var slow = await CliRunner.RunAsync("run", "--url", server.BaseUrl + "/slow?ms=5000", "-n", "2", "--timeout", "200ms", "--out", temp.File("slow"), "--quiet");
        Assert.True(slow.ExitCode == 0, slow.ToString()); // no thresholds
        var stats = Assert.Single((await RunResultJson.ReadAsync(temp.File("slow/result.json"))).Scenarios).Stats;
        Assert.Equal(2, stats.FailCount);
        Assert.Equal("timeout", Assert.Single(stats.Errors).Kind);
        // Ended by the timeout, not by the answer: each request's own latency is short of the server's 5 s (no wall clock).
        Assert.InRange(stats.Latency.MaxMs, 200, 4_999);
    }

    [Theory]
    [InlineData("--iterations", "0", "--iterations: 0 must be at least 1")]
    [InlineData("--iterations", "many", "--iterations: 'many' is not a whole number")]
    [InlineData("--timeout", "0s", "--timeout: '0s' is not a positive duration")]
    [InlineData("--duration", "5s", "--iterations and --duration: give one")]
    public async Task Bad_iterations_or_timeout_exit_2_naming_the_flag(string flag, string value, string message)
    {
        var outcome = await CliRunner.RunAsync(flag == "--iterations" ? ["run", "--url", server.BaseUrl + "/ok", flag, value] : ["run", "--url", server.BaseUrl + "/ok", "-n", "5", flag, value]);

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Contains(message, outcome.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", "--vus 10 --duration 30s")]
    [InlineData("capacity", "--step-vus 10")]
    public async Task A_verb_given_nothing_to_load_says_how_to_give_it(string verb, string example)
    {
        Assert.False(File.Exists("nbomber-config.json")); // the test's folder: the verb reads no config of its own accord

        var outcome = await CliRunner.RunAsync(verb);

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Contains($"no config file was read: there is no nbomber-config.json in {Directory.GetCurrentDirectory()}", outcome.Err, StringComparison.Ordinal);
        Assert.Contains($"--url URL for a quick run (e.g. loadharness {verb} --url http://127.0.0.1:8080/ {example})", outcome.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_quick_run_check_is_told_by_its_flag()
    {
        var outcome = await CliRunner.RunAsync("run", "--url", server.BaseUrl + "/ok", "--duration", "1s", "--check", "status === 200");

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Contains("--check", outcome.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("ScenariosSettings", outcome.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_config_whose_requests_are_absolute_starts_no_embedded_target()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", Configs.Http("", server.BaseUrl + "/ok", ["rate < 0.01"]).Replace("\"ApiBaseUrl\": \"\"", "\"ApiBaseUrl\": null", StringComparison.Ordinal));

        var outcome = await CliRunner.RunAsync("run", "--config", config, "--out", temp.File("out"), "--quiet");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.DoesNotContain("embedded", outcome.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("db_unread_count", ScenarioRequirements.Database)]
    [InlineData("api_profile", ScenarioRequirements.Api | ScenarioRequirements.Database)]
    [InlineData("db_unread_count,api_profile", ScenarioRequirements.Api | ScenarioRequirements.Database)]
    public void The_embedded_default_starts_what_the_selected_scenarios_need(string scenarios, ScenarioRequirements needs)
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", "{ \"TargetScenarios\": [" + string.Join(",", scenarios.Split(',').Select(s => $"\"{s}\"")) + "] }");
        var catalog = CliCatalog.Create();
        var settings = CliCatalog.Loader(catalog).Load(config).Settings!;

        Assert.Equal(needs, EmbeddedTargetScope.Needs(settings, catalog));
        Assert.Equal(needs.HasFlag(ScenarioRequirements.Api) ? "starting the embedded PostgreSQL and sample API" : "starting the embedded PostgreSQL (the selected scenarios call no API)",
            EmbeddedTargetScope.Describe(needs));
    }

    [Fact]
    public void Where_the_load_went_names_each_http_scenario_that_sends_elsewhere_without_user_info()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", """
            {
              "Target": { "ApiBaseUrl": "http://127.0.0.1:7000", "ConnectionString": "Host=db;Password=hunter2" },
              "GlobalSettings": { "ScenariosSettings": [
                { "ScenarioName": "own_base", "Http": { "BaseUrl": "http://u:pw@10.0.0.5:8080/v2?tenant=a", "Requests": [ { "Name": "r1", "Url": "/a" }, { "Name": "r2", "Url": "/b" } ] } },
                { "ScenarioName": "absolute", "Http": { "Requests": [ { "Name": "r3", "Url": "http://127.0.0.1:9000/x" }, { "Name": "r4", "Url": "http://127.0.0.1:9000/y" }, { "Name": "r5", "Url": "http://127.0.0.1:9001/z?k=1" } ] } },
                { "ScenarioName": "own_db", "Sql": { "ConnectionString": "Host=10.0.0.6;Password=swordfish", "Queries": [ { "Name": "q", "Sql": "SELECT 1" } ] } },
                { "ScenarioName": "relative", "Http": { "Requests": [ { "Name": "r6", "Url": "/api/health" } ] } }
              ] }
            }
            """);
        var loaded = CliCatalog.Loader(CliCatalog.Create()).Load(config);
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Problems));
        var settings = loaded.Settings!;

        var targets = Commands.Run.RunCommandHandler.Targets(settings, settings.Target);

        Assert.Equal("http://127.0.0.1:7000", targets["api"]);
        Assert.DoesNotContain("hunter2", targets["database"], StringComparison.Ordinal);
        Assert.Equal("http://10.0.0.5:8080/v2", targets["own_base"]);
        Assert.Equal("http://127.0.0.1:9000, http://127.0.0.1:9001", targets["absolute"]);
        Assert.StartsWith("Host=10.0.0.6;", targets["own_db"], StringComparison.Ordinal);
        Assert.DoesNotContain("swordfish", targets["own_db"], StringComparison.Ordinal);
        Assert.False(targets.ContainsKey("relative"));
        Assert.Equal("PostgreSQL 10.0.0.6:5432/audit", Output.RunPreamble.Database("Host=10.0.0.6;Database=audit;Password=***"));
        Assert.Equal("not a connection string", Output.RunPreamble.Database("not a connection string")); // it goes to the API, already named
    }

    [Fact]
    public async Task A_run_says_before_the_load_what_each_scenario_will_do_and_where_it_sends()
    {
        using var temp = new TempFolder();
        var outcome = await CliRunner.RunAsync("run", "--url", server.BaseUrl + "/ok?key=s3cret", "--vus", "2", "--duration", "1s", "--think", "50ms", "--out", temp.File("out"));

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains($"  quick: 2 VUs for 1 s, think 50 ms → {server.BaseUrl}/ok\n", outcome.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scenario_whose_requests_think_is_not_said_to_have_no_think_time()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", Configs.Http(server.BaseUrl, "/ok", [], """[{ "KeepConstant": [1, "1s"] }]""")
            .Replace("\"Checks\": [ \"status == 200\" ]", "\"ThinkTime\": \"100ms\"", StringComparison.Ordinal));

        var outcome = await CliRunner.RunAsync("run", "--config", config, "--out", temp.File("out"), "--formats", "");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("  web: 1 VU for 1 s, think time per request → " + server.BaseUrl, outcome.Out, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Plans() => new()
    {
        { "keep", "20 VUs for 30 s" },
        { "ramp", "up to 100 VUs over 9m 00s" },
        { "inject", "200 iterations/s for 1m 00s (at most 50 VUs)" },
        { "ramp-inject", "up to 10 iterations/s over 10 s (at most 10,000 VUs)" },
        { "iterations", "4 VUs, 100 iterations" },
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public void A_scenario_plan_reads_as_its_load(string which, string expected)
    {
        var scenario = Core.Scenarios.Scenario.Create("s", _ => Task.FromResult(Core.Scenarios.Response.Ok()));
        scenario = which switch
        {
            "keep" => scenario.WithLoadSimulations(Core.Load.LoadSimulation.KeepConstant(20, TimeSpan.FromSeconds(30))),
            "ramp" => scenario.WithLoadSimulations(
                Core.Load.LoadSimulation.RampingConstant(10, TimeSpan.FromMinutes(1)), Core.Load.LoadSimulation.RampingConstant(100, TimeSpan.FromMinutes(6)),
                Core.Load.LoadSimulation.KeepConstant(100, TimeSpan.FromMinutes(1)), Core.Load.LoadSimulation.RampingConstant(0, TimeSpan.FromMinutes(1))),
            "inject" => scenario.WithLoadSimulations(Core.Load.LoadSimulation.Inject(200, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1))) with { MaxVUs = 50 },
            "ramp-inject" => scenario.WithLoadSimulations(Core.Load.LoadSimulation.RampingInject(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10))),
            _ => scenario.WithLoadSimulations(Core.Load.LoadSimulation.IterationsForConstant(4, 100)),
        };

        Assert.Equal(expected, Output.RunPreamble.Plan(scenario));
    }

    [Fact]
    public async Task A_fractional_quick_run_rate_is_the_rate_asked_for()
    {
        using var temp = new TempFolder();
        var outcome = await CliRunner.RunAsync("run", "--url", server.BaseUrl + "/ok", "--rate", "2.5", "--duration", "4s", "--out", temp.File("out"), "--quiet");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var quick = Assert.Single((await RunResultJson.ReadAsync(temp.File("out/result.json"))).Scenarios);
        Assert.InRange(quick.Iterations.Started + quick.Iterations.Dropped, 9, 11);
    }

    [Theory]
    [InlineData(200, 200, 1)]
    [InlineData(2.5, 5, 2)]
    [InlineData(0.1, 1, 10)]
    [InlineData(1.0 / 3, 1, 3)]
    [InlineData(0.0007, 1, 1000)]
    public void A_rate_per_second_becomes_whole_iterations_per_whole_seconds(double rate, long count, int seconds) =>
        Assert.Equal((count, seconds), QuickRunConfig.WholeRate(rate));

    [Theory]
    [InlineData("run", "--rate", "1,5", "--rate: '1,5' is not a number (decimals take a dot: 1.5")] // the parser's own read 15
    [InlineData("run", "--vus", "abc", "--vus: 'abc' is not a whole number")]
    [InlineData("compare", "--fail-on-regression", "ten", "--fail-on-regression: 'ten' is not a number")]
    public async Task A_number_flag_that_is_not_one_exits_2_naming_the_flag(string verb, string flag, string value, string message)
    {
        var outcome = await CliRunner.RunAsync(verb == "run" ? ["run", "--url", server.BaseUrl + "/ok", flag, value] : [verb, "a.json", "b.json", flag, value]);

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Contains(message, outcome.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", outcome.Err, StringComparison.Ordinal);
    }
}

