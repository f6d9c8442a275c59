namespace LoadHarness.Postgres.Audit;

/// <summary>The database could not be reached or the connection string is not valid: the message says which, in one line.</summary>
public sealed class AuditConnectionException : Exception
{
    public AuditConnectionException(string message)
        : base(message)
    {
    }

    public AuditConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AuditConnectionException()
    {
    }
}
