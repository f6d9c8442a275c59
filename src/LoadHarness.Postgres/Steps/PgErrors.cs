using LoadHarness.Core.Scenarios;
using System.Net.Sockets;
using Npgsql;

namespace LoadHarness.Postgres.Steps;

/// <summary>
/// Database failures as step responses: <c>pg &lt;SqlState&gt;</c> for server errors, <c>timeout</c> for timeouts,
/// <c>connection refused</c> / <c>connection lost</c> / <c>pg client</c> for the client's side of the connection.
/// </summary>
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
            NpgsqlException { InnerException: OperationCanceledException } => null, // our cancellation, as above
            NpgsqlException e => Response.Fail(0, Describe(e), 0, ClientKindOf(e)),
            _ => null,
        };
    }

    /// <summary>
    /// A failure on the client's side of the connection, named by its cause: "connection refused" (nothing listens:
    /// the server is down or restarting), "connection lost" (the connection broke under a command: the server stopped,
    /// a network fault), "pg client" for the rest (a protocol or pool error Npgsql raised itself).
    /// </summary>
    public static string ClientKindOf(NpgsqlException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return "connection refused";
                case SocketException or IOException:
                    return "connection lost";
            }
        }

        return "pg client";
    }

    private static string Describe(Exception exception) =>
        exception.InnerException is { } inner && !string.IsNullOrEmpty(inner.Message) && inner.Message != exception.Message
            ? exception.Message + " (" + inner.Message + ")"
            : exception.Message;

    /// <summary>"pg 53300" for SQLSTATE 53300 (too many connections), ...</summary>
    public static string KindOf(string sqlState) => "pg " + sqlState;
}
