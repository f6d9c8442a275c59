using System.Collections.Concurrent;
using LoadHarness.Core.Results;

namespace LoadHarness.Core.Scenarios;

/// <summary>k6 checks of one scenario, by (step, name). Counted apart from failures.</summary>
internal sealed class CheckCounters
{
    private readonly ConcurrentDictionary<(string? Step, string Name), Counter> counters = new();

    public volatile bool Enabled;

    public void Record(string? step, string name, bool passed)
    {
        if (!Enabled)
        {
            return;
        }

        var counter = counters.GetOrAdd((step, name), static _ => new Counter());
        if (passed)
        {
            Interlocked.Increment(ref counter.Passes);
        }
        else
        {
            Interlocked.Increment(ref counter.Fails);
        }
    }

    public (long Passes, long Fails) Totals()
    {
        long passes = 0, fails = 0;
        foreach (var counter in counters.Values)
        {
            passes += Volatile.Read(ref counter.Passes);
            fails += Volatile.Read(ref counter.Fails);
        }

        return (passes, fails);
    }

    // ToArray first: an atomic snapshot. LINQ's OrderBy(...).Select(...).ToArray() over the live dictionary sizes its array
    // from Count and then enumerates, so a check first seen in between (a VU's first iteration while the collector
    // builds a snapshot) overflowed it: IndexOutOfRangeException, and the run crashed (seen in a Sql run on a busy machine).
    public IReadOnlyList<CheckResult> ToResults() =>
        counters.ToArray().OrderBy(c => c.Key.Step ?? "", StringComparer.Ordinal).ThenBy(c => c.Key.Name, StringComparer.Ordinal)
            .Select(c => new CheckResult { Name = c.Key.Name, Step = c.Key.Step, Passes = c.Value.Passes, Fails = c.Value.Fails })
            .ToArray();

    private sealed class Counter
    {
        public long Passes;
        public long Fails;
    }
}
