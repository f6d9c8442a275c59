using Npgsql;
using TargetApi.Data;
using TargetApi.Http;

namespace TargetApi.Endpoints;

public sealed record MarkReadRequest(Guid[]? Ids, bool? All);

/// <summary>GET /api/notifications, GET /api/notifications/unread-count, POST /api/notifications/mark-read.</summary>
public static class NotificationEndpoints
{
    public const int MaxLimit = 100;
    public const int MaxIdsPerMarkRead = 100;

    private const string ItemJson =
        "json_build_object('id', n.id, 'type', n.type, 'title', n.title, 'body', n.body, 'isRead', n.is_read, " +
        "'readAt', n.read_at, 'createdAt', n.created_at)";

    private const string ListSql =
        "SELECT coalesce(json_agg(t.item), '[]'::json)::text FROM (SELECT " + ItemJson + " AS item FROM notifications n " +
        "WHERE n.user_id = $1 ORDER BY n.created_at DESC LIMIT $2) t";

    private const string UnreadListSql =
        "SELECT coalesce(json_agg(t.item), '[]'::json)::text FROM (SELECT " + ItemJson + " AS item FROM notifications n " +
        "WHERE n.user_id = $1 AND n.is_read = false ORDER BY n.created_at DESC LIMIT $2) t";

    // The seed's benchmark 2.
    private const string UnreadCountSql =
        "SELECT json_build_object('unreadCount', count(*))::text FROM notifications WHERE user_id = $1 AND is_read = false";

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/notifications", (HttpContext http, UserDb db) =>
        {
            var query = http.Request.Query;
            if (!QueryParsing.TryBool(query["unread"], false, "unread", out var unread, out var error)
                || !QueryParsing.TryLimit(query["limit"], 20, MaxLimit, out var limit, out error))
            {
                return Task.FromResult(Problems.BadRequest(error!));
            }

            return db.RunAsync(http, async (connection, userId, ct) =>
                JsonQuery.Ok((await JsonQuery.ScalarAsync(connection, unread ? UnreadListSql : ListSql, ct, userId, limit))!));
        });

        app.MapGet("/api/notifications/unread-count", (HttpContext http, UserDb db) => db.RunAsync(http, async (connection, userId, ct) =>
            JsonQuery.Ok((await JsonQuery.ScalarAsync(connection, UnreadCountSql, ct, userId))!)));

        app.MapPost("/api/notifications/mark-read", MarkReadAsync);
    }

    private static async Task<IResult> MarkReadAsync(HttpContext http, UserDb db)
    {
        if (BearerToken.From(http.Request) is null)
        {
            return Problems.Unauthorized(http, "A bearer token is required.");
        }

        var (body, problem) = await JsonBody.ReadAsync<MarkReadRequest>(http.Request, http.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        var all = body!.All == true;
        if (all == (body.Ids is { Length: > 0 }) || body.Ids is { Length: > MaxIdsPerMarkRead })
        {
            return Problems.BadRequest($"Give either \"all\": true or \"ids\": [1 to {MaxIdsPerMarkRead} uuids].");
        }

        return await db.RunAsync(http, async (connection, userId, ct) =>
        {
            await using var command = new NpgsqlCommand(
                "UPDATE notifications SET is_read = true, read_at = now() WHERE user_id = $1 AND is_read = false" +
                (all ? "" : " AND id = ANY($2)"), connection);
            command.Parameters.Add(new NpgsqlParameter { Value = userId });
            if (!all)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = body.Ids! });
            }

            var marked = await command.ExecuteNonQueryAsync(ct);
            return Results.Ok(new { marked });
        });
    }
}
