using System.Diagnostics;
using System.Globalization;
using LoadHarness.Core.Scenarios;

namespace LoadHarness.Core.Tests;

/// <summary>Checks first seen while the collector takes a snapshot (a VU's first iteration during a 1 s collection).</summary>
public sealed class CheckCountersTests
{
    [Fact]
    public async Task A_snapshot_taken_while_new_checks_appear_never_throws_and_lists_each_check_once()
    {
        // Rounds of 500 new checks each, snapshots taken meanwhile: before the snapshot was atomic, LINQ sized its array
        // from the dictionary's Count and then enumerated a bigger dictionary (IndexOutOfRangeException).
        var clock = Stopwatch.StartNew();
        var snapshots = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(1.5))
        {
            var counters = new CheckCounters { Enabled = true };
            var writer = Task.Run(() =>
            {
                for (var i = 0; i < 500; i++)
                {
                    counters.Record("step", "check " + i.ToString(CultureInfo.InvariantCulture), passed: true);
                }
            });
            while (!writer.IsCompleted)
            {
                var results = counters.ToResults();
                Assert.Equal(results.Count, results.Select(r => r.Name).Distinct(StringComparer.Ordinal).Count());
                snapshots++;
            }

            await writer;
            Assert.Equal(500, counters.ToResults().Count);
        }

        Assert.True(snapshots > 0);
    }
}
