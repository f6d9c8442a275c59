using System.Net.Sockets;
using Npgsql;

namespace LoadHarness.Postgres.Audit;

/// <summary>Opens the one unpooled connection an audit or a query bench uses; a failure becomes one clear line.</summary>
public static class AuditConnection
{
    /// <summary>Validates a connection string without connecting; throws <see cref="AuditConnectionException"/> naming the problem.</summary>
    public static NpgsqlConnectionStringBuilder Parse(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new AuditConnectionException("the connection string is empty (e.g. Host=127.0.0.1;Port=5432;Database=app;Username=auditor)");
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                throw new AuditConnectionException("the connection string names no Host (e.g. Host=127.0.0.1;Database=app;Username=auditor)");
            }

            return builder;
        }
        catch (ArgumentException e)
        {
            throw new AuditConnectionException($"not a valid connection string: {e.Message}", e);
        }
        catch (FormatException e)
        {
            throw new AuditConnectionException($"not a valid connection string: {e.Message}", e);
        }
    }

    /// <summary>Opens an unpooled connection named <paramref name="applicationName"/>.</summary>
    public static async Task<NpgsqlConnection> OpenAsync(string connectionString, string applicationName, CancellationToken cancellationToken)
    {
        var builder = Parse(connectionString);
        builder.Pooling = false;
        builder.ApplicationName = applicationName;
        if (builder.Timeout == 15)
        {
            builder.Timeout = 10;
        }

        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new AuditConnectionException(Describe(builder, e), e);
        }
    }

    private static string Describe(NpgsqlConnectionStringBuilder builder, Exception e)
    {
        var where = $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username} as {builder.Username ?? "(no user)"}";
        var reason = e switch
        {
            PostgresException pg => $"{pg.SqlState}: {pg.MessageText}",
            _ when e.InnerException is SocketException socket => socket.Message,
            _ => e.Message,
        };
        return $"could not connect to {where}: {reason}";
    }
}
