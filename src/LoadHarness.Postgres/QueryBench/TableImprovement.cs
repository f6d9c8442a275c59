namespace LoadHarness.Postgres.QueryBench;

/// <summary>One table's scans during the benchmark before and after (counter deltas of the two phases).</summary>
public sealed record TableImprovement(string Table, long SeqScansBefore, long SeqScansAfter, long IndexScansBefore, long IndexScansAfter)
{
    public double? IndexUsageBefore => Share(IndexScansBefore, SeqScansBefore);

    public double? IndexUsageAfter => Share(IndexScansAfter, SeqScansAfter);

    private static double? Share(long index, long seq) => index + seq > 0 ? 100.0 * index / (index + seq) : null;
}
