using LoadHarness.Core.Scenarios;
using Npgsql;

namespace LoadHarness.Postgres.Steps;

/// <summary>Database failures as step responses: <c>pg &lt;SqlState&gt;</c> for server errors, <c>timeout</c> for timeouts.</summary>
public static class PgErrors
{
    /// <summary>The failed response for a database exception, or null when it is not one this maps (cancellation, bugs).</summary>
    public static Response? ToResponse(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            PostgresException { SqlState: PostgresErrorCodes.QueryCanceled } => null, // our cancellation: the engine decides timeout vs stop
            PostgresException pg => Response.Fail(0, pg.SqlState + ": " + pg.MessageText, 0, KindOf(pg.SqlState)),
            NpgsqlException { InnerException: TimeoutException inner } e => Response.Fail(0, e.Message + " (" + inner.Message + ")", 0, ErrorKinds.Timeout),
            TimeoutException e => Response.Fail(0, e.Message, 0, ErrorKinds.Timeout),
            _ => null,
        };
    }

    /// <summary>"pg 53300" for SQLSTATE 53300 (too many connections), ...</summary>
    public static string KindOf(string sqlState) => "pg " + sqlState;
}
