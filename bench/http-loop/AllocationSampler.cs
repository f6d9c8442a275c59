using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace LoadHarness.Bench.HttpLoop;

/// <summary>Counts the runtime's allocation samples (one per ~100 KB allocated) by type, to see what the hot path allocates.</summary>
internal sealed class AllocationSampler : EventListener
{
    private readonly ConcurrentDictionary<string, long> samples = new(StringComparer.Ordinal);

    public void Print(TextWriter output, int top = 15)
    {
        var total = samples.Values.Sum();
        foreach (var (type, count) in samples.OrderByDescending(s => s.Value).Take(top))
        {
            output.WriteLine(FormattableString.Invariant($"  {100.0 * count / Math.Max(1, total),5:0.0}%  {type}"));
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true && eventData.Payload is { } payload)
        {
            var index = eventData.PayloadNames?.IndexOf("TypeName") ?? -1;
            if (index >= 0 && payload[index] is string type)
            {
                samples.AddOrUpdate(type, 1, static (_, n) => n + 1);
            }
        }
    }
}
