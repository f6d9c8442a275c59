using System.Collections.Concurrent;

namespace LoadHarness.Core.Execution;

/// <summary>
/// Runs a batch of small actions on the thread pool as at most one work item per core, each running its share of the
/// batch in order, instead of one work item each: tens of thousands of work items a second (VUs resumed, connections
/// handed over) each woke a pool thread and went through the pool's queues. For actions that never block a thread (a
/// blocked one would hold up the rest of its share). The share objects are reused: nothing is allocated per batch.
/// </summary>
public static class WorkShares
{
    private static readonly ConcurrentQueue<Share> Spare = new();

    /// <summary>Queues <paramref name="batch"/>'s actions in shares and clears it.</summary>
    public static void Release(List<(Action<object?> Action, object? State)> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var items = Math.Min(batch.Count, Environment.ProcessorCount);
        var from = 0;
        for (var item = 0; item < items; item++)
        {
            var to = batch.Count * (item + 1) / items;
            var share = Spare.TryDequeue(out var spare) ? spare : new Share();
            share.Fill(batch, from, to - from);
            ThreadPool.UnsafeQueueUserWorkItem(share, preferLocal: false);
            from = to;
        }

        batch.Clear();
    }

    private sealed class Share : IThreadPoolWorkItem
    {
        private (Action<object?> Action, object? State)[] actions = new (Action<object?>, object?)[16];
        private int count;

        public void Fill(List<(Action<object?> Action, object? State)> batch, int from, int length)
        {
            if (actions.Length < length)
            {
                actions = new (Action<object?>, object?)[Math.Max(length, actions.Length * 2)];
            }

            batch.CopyTo(from, actions, 0, length);
            count = length;
        }

        public void Execute()
        {
            var length = count;
            count = 0;
            for (var i = 0; i < length; i++)
            {
                var (action, state) = actions[i];
                actions[i] = default;
                action(state);
            }

            Spare.Enqueue(this);
        }
    }
}
