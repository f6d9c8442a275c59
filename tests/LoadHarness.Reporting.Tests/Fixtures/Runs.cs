using System.Diagnostics;
using LoadHarness.Core.Results;

namespace LoadHarness.Reporting.Tests.Fixtures;

/// <summary>RunResults built from latencies recorded into real HdrHistograms (seeded, so deterministic, or measured).</summary>
internal static class Runs
{
    public static readonly DateTimeOffset Start = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

    /// <summary>Two scenarios (closed with two steps, open without), errors, checks, a DB section; one threshold crossed, one with no data.</summary>
    public static RunResult Mixed(int seconds = 20, int seed = 42)
    {
        var random = new Random(seed);
        var api = new ScenarioRecorder("api_orders", LoadModel.Closed);
        var db = new ScenarioRecorder("db_top_customers", LoadModel.Open);
        var idle = new ScenarioRecorder("api_idle", LoadModel.Closed);
        for (var t = 0; t < seconds; t++)
        {
            var vus = Ramp(t, seconds, 10);
            api.Plan(t, vus);
            api.Iterations.SetVUs(t, vus);
            db.Plan(t, 20);
            db.Iterations.SetVUs(t, 3, 20);
            for (var i = 0; i < vus * 4; i++)
            {
                var login = LogNormal(random, 8, 0.35);
                var orders = LogNormal(random, 40 + (vus * 6), 0.5);
                var fail = random.NextDouble() < 0.02;
                api.Step("login").Record(t, login, true, "200", 512);
                api.Step("get_orders").Record(t, orders, !fail, fail ? "500" : "200", fail ? 96 : 4096, fail ? "status 500" : null, fail ? "Internal Server Error: deadlock detected" : null);
                api.Iterations.Record(t, login + orders, !fail, fail ? "500" : "200", fail ? 608 : 4608, fail ? "status 500" : null, fail ? "Internal Server Error: deadlock detected" : null);
            }

            for (var i = 0; i < 20; i++)
            {
                var timeout = random.NextDouble() < 0.03;
                var micros = timeout ? 2_000_000 : LogNormal(random, 3, 0.6);
                db.Iterations.Record(t, micros, !timeout, "none", 0, timeout ? "timeout" : null, timeout ? "Npgsql: command timed out after 2 s" : null);
            }
        }

        api.Check("status == 200", "get_orders", 780, 16);
        api.Check("body contains \"orders\"", "get_orders", 796, 0);
        var run = Assemble("orders-ramp", seconds, [api.Build(seconds), db.Build(seconds), idle.Build(seconds)]) with
        {
            Sections = [DatabaseSection()],
        };
        return run with
        {
            Thresholds =
            [
                Thresholds.Judge(run, "api_orders", "get_orders", "p(95)", 500),
                Thresholds.Judge(run, "db_top_customers", null, "rate", 0.01),
                Thresholds.Judge(run, "api_idle", null, "p(95)", 200),
            ],
        };
    }

    /// <summary>Like <see cref="Mixed"/> but with only thresholds that hold.</summary>
    public static RunResult Passing(int seconds = 10)
    {
        var run = Mixed(seconds);
        return run with { Thresholds = [Thresholds.Judge(run, "api_orders", null, "p(95)", 5_000), Thresholds.Judge(run, "api_orders", "login", "avg", 1_000)] };
    }

    /// <summary>A one-hour run: 3,600 points per series.</summary>
    public static RunResult OneHour()
    {
        const int seconds = 3600;
        var random = new Random(7);
        var api = new ScenarioRecorder("api_soak", LoadModel.Closed);
        for (var t = 0; t < seconds; t++)
        {
            var vus = Ramp(t, seconds, 50);
            api.Plan(t, vus);
            api.Iterations.SetVUs(t, vus);
            for (var i = 0; i < 8; i++)
            {
                var fail = random.NextDouble() < 0.01;
                var micros = LogNormal(random, 25 + (t % 600 == 0 ? 400 : 0), 0.5);
                api.Step("get").Record(t, micros, !fail, fail ? "503" : "200", 2048);
                api.Iterations.Record(t, micros, !fail, fail ? "503" : "200", 2048);
            }
        }

        var run = Assemble("soak", seconds, [api.Build(seconds)]);
        return run with { Thresholds = [Thresholds.Judge(run, "api_soak", null, "p(95)", 500)] };
    }

    /// <summary>Nothing ran: no scenarios, no thresholds.</summary>
    public static RunResult Empty() => Assemble("empty", 0, []) with { Status = RunStatus.Interrupted, StopReason = "SIGINT" };

    /// <summary>
    /// A real short run: <paramref name="vus"/> concurrent loops each awaiting a Task.Delay step for
    /// <paramref name="duration"/>, every latency measured with a Stopwatch and recorded per second.
    /// </summary>
    public static async Task<RunResult> MeasuredAsync(TimeSpan duration, int vus = 8)
    {
        var scenario = new ScenarioRecorder("delay_step", LoadModel.Closed);
        var gate = new Lock();
        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        async Task Loop(int vu)
        {
            var random = new Random(vu);
            while (clock.Elapsed < duration)
            {
                var t0 = clock.Elapsed;
                await Task.Delay(random.Next(5, 25)).ConfigureAwait(false);
                var micros = (long)((clock.Elapsed - t0).TotalMilliseconds * 1000);
                var second = (int)t0.TotalSeconds;
                var fail = random.NextDouble() < 0.05;
                lock (gate)
                {
                    scenario.Step("delay").Record(second, micros, !fail, fail ? "503" : "200", 1024, fail ? "status 503" : null, fail ? "Service Unavailable" : null);
                    scenario.Iterations.Record(second, micros, !fail, fail ? "503" : "200", 1024, fail ? "status 503" : null, fail ? "Service Unavailable" : null);
                    scenario.Iterations.SetVUs(second, vus);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, vus).Select(Loop)).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        for (var t = 0; t <= (int)seconds; t++)
        {
            scenario.Plan(t, vus);
        }

        var run = Assemble("measured-delay", seconds, [scenario.Build(seconds)]) with { StartedUtc = started, EndedUtc = started.AddSeconds(seconds) };
        return run with
        {
            Thresholds = [Thresholds.Judge(run, "delay_step", null, "p(95)", 1_000), Thresholds.Judge(run, "delay_step", "delay", "rate", 0.5)],
        };
    }

    private static RunResult Assemble(string name, double seconds, IReadOnlyList<ScenarioResult> scenarios) => new()
    {
        Test = new TestInfo
        {
            TestSuite = "reporting-tests",
            TestName = name,
            SessionId = "2025-03-14_09.26.53_" + name,
            ConfigPath = "nbomber-config.json",
            Targets = new Dictionary<string, string> { ["api"] = "http://127.0.0.1:5080", ["db"] = "Host=127.0.0.1;Database=shop" },
            Labels = new Dictionary<string, string> { ["migration"] = "before" },
        },
        Environment = new EnvironmentInfo
        {
            MachineName = "ci-runner-1",
            ProcessorCount = 2,
            OsDescription = "Debian GNU/Linux 12 (bookworm)",
            DotnetVersion = "10.0.0",
            HarnessVersion = "0.1.0",
            GitCommit = "4c5307f0a1b2c3d4e5f60718293a4b5c6d7e8f90",
        },
        Status = RunStatus.Completed,
        StartedUtc = Start,
        EndedUtc = Start.AddSeconds(seconds),
        DurationMs = seconds * 1000,
        Scenarios = scenarios,
    };

    private static ReportSection DatabaseSection() => new()
    {
        Id = "database",
        Title = "Database health",
        Notes = ["pg_stat_statements sampled before and after the run."],
        Tables =
        [
            new ReportTable
            {
                Title = "Top queries by total time",
                Columns = ["query", "calls", "mean ms", "total ms"],
                Rows =
                [
                    ["SELECT * FROM orders WHERE customer_id = $1", "8,120", "4.21", "34,185.2"],
                    ["UPDATE stock SET qty = qty - $1 WHERE id = $2 | hot", "1,904", "12.8", "24,371.2"],
                ],
            },
        ],
    };

    private static int Ramp(int t, int seconds, int peak)
    {
        var third = Math.Max(1, seconds / 3);
        return t < third ? 1 + (peak - 1) * t / third : t < 2 * third ? peak : Math.Max(1, peak - ((peak - 1) * (t - (2 * third)) / third));
    }

    private static long LogNormal(Random random, double medianMs, double sigma)
    {
        var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return Math.Max(1, (long)(medianMs * 1000 * Math.Exp(sigma * z)));
    }
}
