using System.Diagnostics;
using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;

namespace LoadHarness.Cli.Commands.Run;

/// <summary>
/// How much of a run's latency is the machine, not the target: a dedicated thread sleeps 50 ms at a time and records,
/// per second, the longest it woke late (<c>generator.stall_ms</c>: the process was descheduled, or paused by a
/// garbage collection, for that long; every request in flight then looks that much slower), and the thread pool's
/// threads and longest queue (<c>generator.threadpool_threads</c>, <c>generator.threadpool_queue</c>: work waiting
/// for a thread, the sign of thread pool starvation), and the garbage collector's pauses (<c>generator.gc_pause_ms</c>:
/// the time per second the runtime stopped every thread to collect; a stall that a pause explains is the generator's
/// own heap, not the machine). Charted in the report; a note names the longest stall.
/// </summary>
internal sealed class GeneratorStallSampler : IDisposable
{
    public const string StallSeries = "generator.stall_ms";

    public const string QueueSeries = "generator.threadpool_queue";

    public const string GcPauseSeries = "generator.gc_pause_ms";

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50); // 20 wake-ups a second: stalls under ~50 ms can hide inside a sleep

    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly DateTimeOffset startedUtc = DateTimeOffset.UtcNow;
    private readonly List<(double TimeSec, double StallMs, int Threads, long Queue, double GcPauseMs)> seconds = [];
    private readonly Thread thread;
    private readonly TimeSpan pausedAtStart = GC.GetTotalPauseDuration(); // read before the thread starts: no pause is missed
    private volatile bool stopping;

    private GeneratorStallSampler()
    {
        thread = new Thread(Run) { IsBackground = true, Name = "loadharness stall sampler", Priority = ThreadPriority.AboveNormal };
    }

    public static GeneratorStallSampler Start()
    {
        var sampler = new GeneratorStallSampler();
        sampler.thread.Start();
        return sampler;
    }

    /// <summary>
    /// Stops and returns the series, counted from <paramref name="loadStartedUtc"/> (the seconds before it dropped),
    /// and a note on the longest stall during the load (null when under 100 ms).
    /// </summary>
    public (IReadOnlyList<MeasurementSeries> Series, string? Note) Stop(DateTimeOffset? loadStartedUtc)
    {
        stopping = true;
        thread.Join(TimeSpan.FromSeconds(2));
        lock (seconds)
        {
            var shift = loadStartedUtc is { } load ? (startedUtc - load).TotalSeconds : 0;
            var during = seconds.Select(s => s with { TimeSec = Math.Round(s.TimeSec + shift, 1) }).Where(s => s.TimeSec >= 0).ToList();
            if (during.Count == 0)
            {
                return ([], null);
            }

            const string pool = "Load generator: thread pool (threads, longest queue)";
            IReadOnlyList<MeasurementSeries> series =
            [
                new()
                {
                    Name = StallSeries, Unit = ThresholdUnit.Milliseconds, Group = "Load generator: longest scheduling stall per second (ms)",
                    Points = [.. during.Select(s => new SeriesPoint(s.TimeSec, Math.Round(s.StallMs, 1)))],
                },
                new() { Name = "generator.threadpool_threads", Group = pool, Points = [.. during.Select(s => new SeriesPoint(s.TimeSec, s.Threads))] },
                new() { Name = QueueSeries, Group = pool, Points = [.. during.Select(s => new SeriesPoint(s.TimeSec, s.Queue))] },
                new()
                {
                    Name = GcPauseSeries, Unit = ThresholdUnit.Milliseconds, Group = "Load generator: garbage collection pauses per second (ms)",
                    Points = [.. during.Select(s => new SeriesPoint(s.TimeSec, Math.Round(s.GcPauseMs, 1)))],
                },
            ];
            var worst = during.MaxBy(s => s.StallMs);
            var stalled = during.Count(s => s.StallMs >= 100);
            var collecting = during.Sum(s => s.GcPauseMs);
            var note = worst.StallMs < 100 ? null : FormattableString.Invariant(
                $"the load generator's process stalled (woke late, descheduled or paused) up to {worst.StallMs:0} ms at {worst.TimeSec:0} s, {stalled} s of the run with stalls of 100 ms or more (series {StallSeries}; its garbage collections paused it {collecting:0} ms in all, series {GcPauseSeries}): latencies measured then include the stall");
            return (series, note);
        }
    }

    public void Dispose()
    {
        stopping = true;
    }

    private void Run()
    {
        var second = 1;
        double worst = 0;
        long queue = 0;
        var last = clock.Elapsed;
        var paused = pausedAtStart;
        while (!stopping)
        {
            Thread.Sleep(Tick);
            var now = clock.Elapsed;
            worst = Math.Max(worst, (now - last - Tick).TotalMilliseconds);
            queue = Math.Max(queue, ThreadPool.PendingWorkItemCount);
            last = now;
            if (now.TotalSeconds >= second)
            {
                var pausedNow = GC.GetTotalPauseDuration();
                lock (seconds)
                {
                    seconds.Add((Math.Round(now.TotalSeconds, 1), Math.Max(0, worst), ThreadPool.ThreadCount, queue, (pausedNow - paused).TotalMilliseconds));
                }

                paused = pausedNow;
                second = (int)now.TotalSeconds + 1;
                worst = 0;
                queue = 0;
            }
        }
    }
}
