using Npgsql;

namespace LoadHarness.Postgres.Scenarios;

/// <summary>
/// A scenario's init (not measured): opens connections of a pool a few at a time and returns them, so its first busy
/// second does not open them all at once. Cold, a pool opens a server process per connection exactly when the load
/// rises (or when a stall of the machine piles the requests up), and on a busy 2-core machine that storm of forks and
/// authentications stalled every query for seconds (the default run: 5 → 73 connections within 5 s, p95 3–4 s).
/// The data source's Min Pool Size should be at least <paramref name="count"/>, so the idle ones are not pruned.
/// </summary>
public static class PoolWarmUp
{
    private const int ParallelOpens = 4;

    public static async Task OpenAsync(NpgsqlDataSource source, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var opened = new List<NpgsqlConnection>(Math.Max(count, 0));
        try
        {
            for (var i = 0; i < count; i += ParallelOpens)
            {
                var batch = Enumerable.Range(0, Math.Min(ParallelOpens, count - i)).Select(_ => source.OpenConnectionAsync(cancellationToken).AsTask());
                opened.AddRange(await Task.WhenAll(batch).ConfigureAwait(false));
            }
        }
        finally
        {
            foreach (var connection in opened)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
