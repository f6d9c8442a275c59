namespace LoadHarness.Postgres.QueryBench;

/// <summary>A benchmark query cannot run (its parameters have no rows, its From query fails): the message says which.</summary>
public sealed class BenchQueryException : Exception
{
    public BenchQueryException(string message)
        : base(message)
    {
    }

    public BenchQueryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BenchQueryException()
    {
    }
}
