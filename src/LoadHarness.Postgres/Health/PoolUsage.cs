namespace LoadHarness.Postgres.Health;

/// <summary>One Npgsql pool over a run: the most connections in use at once against its Max Pool Size.</summary>
/// <param name="PoolName">The data source's name (db scenarios: "loadharness:&lt;scenario&gt;").</param>
/// <param name="PeakUsed">Most connections in use at one sample (1 s).</param>
/// <param name="PeakOpen">Most physical connections open (used + idle) at one sample.</param>
/// <param name="MaxPoolSize">The pool's Max Pool Size (0 when not reported).</param>
/// <param name="PeakPending">Most requests waiting for a connection at one sample.</param>
/// <param name="Timeouts">Connection requests that timed out waiting for the pool.</param>
public sealed record PoolUsage(string PoolName, long PeakUsed, long PeakOpen, long MaxPoolSize, long PeakPending, long Timeouts)
{
    /// <summary>PeakUsed / MaxPoolSize, 0..1 (the seed's target: below 0.8).</summary>
    public double PeakUsageRatio => MaxPoolSize > 0 ? (double)PeakUsed / MaxPoolSize : 0;
}
