using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using LoadHarness.Bench.HttpLoop;
using LoadHarness.Core.Execution;
using LoadHarness.Core.Load;
using LoadHarness.Core.Scenarios;
using LoadHarness.Http;

// http-loop URL [--mode step|engine|raw|raw-engine|invoker|client] [--loops 64] [--duration 10s] [--warmup 2s]
// [--alloc-types] samples allocations by type (slows the run). N concurrent loops against one URL, as wrk -t1 -cN does; prints req/s, CPU seconds and allocated bytes per request.
if (args.Length == 0 || args[0].StartsWith('-'))
{
    Console.Error.WriteLine("usage: http-loop URL [--mode step|engine|raw|raw-engine|invoker|client] [--loops 64] [--duration 10s] [--warmup 2s] [--alloc-types]");
    return 2;
}

var url = args[0];
var mode = Option("--mode", "step");
var loops = int.Parse(Option("--loops", "64"), CultureInfo.InvariantCulture);
var duration = DurationParser.Parse(Option("--duration", "10s"));
var warmup = DurationParser.Parse(Option("--warmup", "2s"));

Func<TimeSpan, Task<(long Requests, long Errors)>> run = mode switch
{
    "step" => d => StepLoops(d, HttpTargetOptions.Default),
    "raw" => d => StepLoops(d, new HttpTargetOptions { Transport = HttpTransport.Raw }),
    "raw-engine" => d => EngineRun(d, new HttpTargetOptions { Transport = HttpTransport.Raw }),
    "invoker" => d => InvokerLoops(d),
    "client" => d => ClientLoops(d),
    "engine" => d => EngineRun(d, HttpTargetOptions.Default),
    _ => throw new ArgumentException($"unknown mode '{mode}' (step | engine | raw | raw-engine | invoker | client)"),
};

await run(warmup);
using var sampler = args.Contains("--alloc-types") ? new AllocationSampler() : null;
GC.Collect();
var process = Process.GetCurrentProcess();
var cpuBefore = process.TotalProcessorTime;
var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
var gen0Before = GC.CollectionCount(0);
var clock = Stopwatch.StartNew();
var (requests, errors) = await run(duration);
var elapsed = clock.Elapsed.TotalSeconds;
process.Refresh();
var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
var settings = string.Join(' ', new[] { "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT", "DOTNET_gcServer" }
    .Select(n => Environment.GetEnvironmentVariable(n) is { } v ? $"{n}={v}" : null).Where(s => s is not null));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"mode={mode} loops={loops} duration={elapsed:0.0}s requests={requests} errors={errors} req/s={requests / elapsed:0} cpu={cpu:0.00}s cpu/req={cpu * 1e6 / Math.Max(1, requests):0.0}us alloc/req={(double)allocated / Math.Max(1, requests):0} B gen0={GC.CollectionCount(0) - gen0Before} {settings}"));
sampler?.Print(Console.Out);
return 0;

string Option(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

async Task<(long, long)> Loops(TimeSpan d, Func<int, CancellationToken, Func<ValueTask<bool>>> makeLoop)
{
    using var stop = new CancellationTokenSource(d);
    long total = 0, failed = 0;
    var tasks = Enumerable.Range(0, loops).Select(i => Task.Run(async () =>
    {
        var once = makeLoop(i, stop.Token);
        long n = 0, e = 0;
        while (!stop.IsCancellationRequested)
        {
            if (!await once().ConfigureAwait(false))
            {
                e++;
            }

            n++;
        }

        Interlocked.Add(ref total, n);
        Interlocked.Add(ref failed, e);
    })).ToArray();
    await Task.WhenAll(tasks).ConfigureAwait(false);
    return (total, failed);
}

Task<(long, long)> StepLoops(TimeSpan d, HttpTargetOptions options)
{
    var target = HttpTarget.For(url, options);
    var request = target.Request(HttpMethod.Get, url);
    return Loops(d, (i, token) =>
    {
        var ctx = new BenchContext(i, CancellationToken.None);
        return [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))] async ValueTask<bool> () => (await HttpStep.Send(ctx, "get", request).ConfigureAwait(false)).IsOk;
    });
}

Task<(long, long)> InvokerLoops(TimeSpan d)
{
    var invoker = new HttpMessageInvoker(HttpHandlerFactory.CreateHandler(HttpTargetOptions.Default));
    var uri = new Uri(url);
    var buffer = new byte[16 * 1024];
    return Loops(d, (_, _) => [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))] async ValueTask<bool> () =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        using var response = await invoker.SendAsync(request, CancellationToken.None).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        while (await stream.ReadAsync(buffer).ConfigureAwait(false) > 0)
        {
        }

        return response.IsSuccessStatusCode;
    });
}

Task<(long, long)> ClientLoops(TimeSpan d)
{
    var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false });
    var uri = new Uri(url);
    return Loops(d, (_, _) => [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))] async ValueTask<bool> () =>
    {
        using var response = await client.GetAsync(uri).ConfigureAwait(false);
        await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        return response.IsSuccessStatusCode;
    });
}

async Task<(long, long)> EngineRun(TimeSpan d, HttpTargetOptions options)
{
    var target = HttpTarget.For(url, options);
    var request = target.Request(HttpMethod.Get, url);
    var scenario = Scenario.Create("http-loop", async ctx => (await HttpStep.Send(ctx, "get", request).ConfigureAwait(false)).Response)
        .WithLoadSimulations(LoadSimulation.KeepConstant(loops, d))
        .WithGracefulStop(TimeSpan.FromSeconds(2));
    var result = await new LoadRunner().RunAsync(new TestDefinition { Scenarios = [scenario] }, new RunOptions()).ConfigureAwait(false);
    var stats = result.Scenarios[0].Steps[0].Stats;
    return (stats.RequestCount, stats.FailCount);
}
