using Npgsql;
using TargetApi.Http;

namespace TargetApi.Auth;

public sealed record LoginRequest(string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record TokenResponse(string AccessToken, string RefreshToken, string TokenType, int ExpiresIn);

/// <summary>POST /api/auth/login and POST /api/auth/refresh.</summary>
public static class AuthEndpoints
{
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(30);

    public static void Map(WebApplication app)
    {
        app.MapPost("/api/auth/login", LoginAsync);
        app.MapPost("/api/auth/refresh", RefreshAsync);
    }

    private static async Task<IResult> LoginAsync(HttpContext http, NpgsqlDataSource db)
    {
        var ct = http.RequestAborted;
        var (body, problem) = await JsonBody.ReadAsync<LoginRequest>(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(body!.Email) || body.Email.Length > 254 || string.IsNullOrEmpty(body.Password) || body.Password.Length > 200)
        {
            return Problems.BadRequest("email (at most 254 characters) and password (at most 200) are required.");
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        Guid userId;
        await using (var find = new NpgsqlCommand(
            "SELECT id, password_salt, password_hash FROM users WHERE email = $1 AND is_active = true", connection))
        {
            find.Parameters.Add(new NpgsqlParameter { Value = body.Email.Trim().ToLowerInvariant() });
            await using var reader = await find.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct) || !Secrets.PasswordMatches(body.Password, reader.GetString(1), reader.GetString(2)))
            {
                return Problems.Unauthorized(http, "Unknown email or wrong password.");
            }

            userId = reader.GetGuid(0);
        }

        var tokens = new TokenResponse(Secrets.NewToken(), Secrets.NewToken(), "Bearer", (int)AccessTokenLifetime.TotalSeconds);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT set_config('app.user_id', $1, true)") { Parameters = { new() { Value = userId.ToString() } } },
                new NpgsqlBatchCommand(
                    """
                    INSERT INTO user_sessions (user_id, access_token_hash, access_token_expires_at, refresh_token, refresh_token_expires_at, user_agent)
                    VALUES ($1, $2, now() + $3, $4, now() + $5, $6)
                    """)
                {
                    Parameters =
                    {
                        new() { Value = userId },
                        new() { Value = Secrets.TokenHash(tokens.AccessToken) },
                        new() { Value = AccessTokenLifetime },
                        new() { Value = Secrets.TokenHash(tokens.RefreshToken) },
                        new() { Value = RefreshTokenLifetime },
                        new() { Value = (object?)Truncate(http.Request.Headers.UserAgent.ToString()) ?? DBNull.Value },
                    },
                },
            },
        };
        await batch.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return Results.Ok(tokens);
    }

    private static async Task<IResult> RefreshAsync(HttpContext http, NpgsqlDataSource db)
    {
        var ct = http.RequestAborted;
        var (body, problem) = await JsonBody.ReadAsync<RefreshRequest>(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrEmpty(body!.RefreshToken) || body.RefreshToken.Length > 512)
        {
            return Problems.BadRequest("refreshToken is required.");
        }

        var tokens = new TokenResponse(Secrets.NewToken(), Secrets.NewToken(), "Bearer", (int)AccessTokenLifetime.TotalSeconds);
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("SELECT o_user_id FROM api_refresh_session($1, $2, $3, $4, $5)", connection)
        {
            Parameters =
            {
                new() { Value = Secrets.TokenHash(body.RefreshToken) },
                new() { Value = Secrets.TokenHash(tokens.AccessToken) },
                new() { Value = Secrets.TokenHash(tokens.RefreshToken) },
                new() { Value = AccessTokenLifetime },
                new() { Value = RefreshTokenLifetime },
            },
        };
        return await command.ExecuteScalarAsync(ct) is Guid
            ? Results.Ok(tokens)
            : Problems.Unauthorized(http, "The refresh token is invalid, revoked or expired.");
    }

    private static string? Truncate(string value) => value.Length == 0 ? null : value[..Math.Min(value.Length, 200)];
}
