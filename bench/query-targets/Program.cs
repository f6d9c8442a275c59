using System.Diagnostics;
using System.Globalization;
using LoadHarness.Postgres.Local;
using TargetApi.Database;
using QueryTargets;

// dotnet run -c Release --project bench/query-targets -- [--users 10000] [--runs 20] [--load-seconds 20] [--vus 100]
var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(x => x.a[2..], x => int.Parse(args[x.i + 1], CultureInfo.InvariantCulture));
var users = options.GetValueOrDefault("users", SampleDatabase.DefaultUsers);
var runs = options.GetValueOrDefault("runs", 20);
var loadSeconds = options.GetValueOrDefault("load-seconds", 20);
var vus = options.GetValueOrDefault("vus", 100);
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var watch = Stopwatch.StartNew();
await using var postgres = await LocalPostgres.StartAsync();
Console.WriteLine($"LocalPostgres started in {watch.Elapsed.TotalSeconds:0.0} s (PostgreSQL in {postgres.BinDirectory})");
var owner = await postgres.CreateDatabaseAsync("query_targets");
var sample = await SampleDatabase.CreateAsync(owner, new SampleDatabaseOptions { Users = users });
Console.WriteLine($"Seeded {users} users in {sample.SeedDuration.TotalSeconds:0.0} s (CHECKPOINT + VACUUM ANALYZE included)");

var queries = SeedBenchmarkQuery.ForUser(1);
var before = new List<ExplainResult>();
foreach (var query in queries)
{
    before.Add(await ExplainResult.MeasureAsync(owner, query, runs));
}

var profileBefore = loadSeconds > 0 ? await ProfileLoad.RunAsync(sample.ApiConnectionString, vus, users, TimeSpan.FromSeconds(loadSeconds)) : default;

watch.Restart();
await SampleDatabase.ApplyIndexesAsync(owner);
await SampleDatabase.CheckpointAndAnalyzeAsync(owner);
Console.WriteLine($"Index migration applied in {watch.Elapsed.TotalSeconds:0.0} s");
var after = new List<ExplainResult>();
foreach (var query in queries)
{
    after.Add(await ExplainResult.MeasureAsync(owner, query, runs));
}

var profileAfter = loadSeconds > 0 ? await ProfileLoad.RunAsync(sample.ApiConnectionString, vus, users, TimeSpan.FromSeconds(loadSeconds)) : default;

Console.WriteLine();
Console.WriteLine($"EXPLAIN ANALYZE execution time, median of {runs} runs (max), {users} users");
Console.WriteLine();
Console.WriteLine("| query | target | before | after | met | plan after |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
for (var i = 0; i < queries.Count; i++)
{
    Console.WriteLine($"| {queries[i].Name} | < {queries[i].TargetMs:0} ms | {before[i].MedianMs:0.000} ms ({before[i].MaxMs:0.000}) {before[i].Scan} | " +
        $"{after[i].MedianMs:0.000} ms ({after[i].MaxMs:0.000}) | {(after[i].Met ? "yes" : "NO")} | {after[i].Scan} |");
}

if (loadSeconds > 0)
{
    Console.WriteLine();
    Console.WriteLine($"GET /api/profile, {vus} closed-loop users, 1 s think time, {loadSeconds} s (rough; the harness measures it properly)");
    Console.WriteLine();
    Console.WriteLine("| state | requests | errors | p50 | p95 | p99 |");
    Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
    Console.WriteLine($"| before indexes | {profileBefore.Requests} | {profileBefore.Errors} | {profileBefore.P50Ms:0.0} ms | {profileBefore.P95Ms:0.0} ms | {profileBefore.P99Ms:0.0} ms |");
    Console.WriteLine($"| after indexes | {profileAfter.Requests} | {profileAfter.Errors} | {profileAfter.P50Ms:0.0} ms | {profileAfter.P95Ms:0.0} ms | {profileAfter.P99Ms:0.0} ms |");
}

return after.All(r => r.Met) ? 0 : 99;
