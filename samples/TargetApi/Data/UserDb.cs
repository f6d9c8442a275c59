using Npgsql;
using TargetApi.Http;

namespace TargetApi.Data;

/// <summary>
/// Runs a request's queries for the user of its bearer token, in one transaction where app.user_id is set (so the
/// row-level security policies apply): authenticate + set_config is one round trip.
/// </summary>
public sealed class UserDb(NpgsqlDataSource dataSource)
{
    private const string AuthenticateSql =
        "SELECT set_config('app.user_id', u::text, true) FROM api_authenticate($1) AS u WHERE u IS NOT NULL";

    public NpgsqlDataSource DataSource => dataSource;

    public async Task<IResult> RunAsync(HttpContext http, Func<NpgsqlConnection, Guid, CancellationToken, Task<IResult>> action)
    {
        var ct = http.RequestAborted;
        var token = BearerToken.From(http.Request);
        if (token is null)
        {
            return Problems.Unauthorized(http, "A bearer token is required.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        Guid userId;
        await using (var command = new NpgsqlCommand(AuthenticateSql, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = Secrets.TokenHash(token) });
            if (await command.ExecuteScalarAsync(ct) is not string id)
            {
                return Problems.Unauthorized(http, "The token is invalid or expired.");
            }

            userId = Guid.Parse(id);
        }

        var result = await action(connection, userId, ct);
        await transaction.CommitAsync(ct);
        return result;
    }
}
