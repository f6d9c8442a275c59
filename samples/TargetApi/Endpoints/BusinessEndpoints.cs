using TargetApi.Data;
using TargetApi.Http;

namespace TargetApi.Endpoints;

/// <summary>GET /api/business/api-keys and GET /api/business/webhooks: the caller's business (404 when they own none).</summary>
public static class BusinessEndpoints
{
    internal const string OwnBusiness = "FROM business_profiles b WHERE b.user_id = $1 ORDER BY b.created_at, b.id LIMIT 1";

    // Contains the seed's benchmark 4: api_keys WHERE user_id = $1 AND is_active = true.
    private const string ApiKeysSql =
        "SELECT json_build_object('businessId', b.id, 'companyName', b.company_name, 'apiKeys', coalesce((SELECT json_agg(" +
        "json_build_object('id', k.id, 'name', k.name, 'keyPrefix', k.key_prefix, 'scopes', k.scopes, 'lastUsedAt', k.last_used_at, " +
        "'expiresAt', k.expires_at, 'createdAt', k.created_at) ORDER BY k.name, k.id) " +
        "FROM api_keys k WHERE k.user_id = $1 AND k.is_active = true), '[]'::json))::text " + OwnBusiness;

    private const string WebhooksSql =
        "SELECT json_build_object('businessId', b.id, 'companyName', b.company_name, 'webhooks', coalesce((SELECT json_agg(" +
        "json_build_object('id', w.id, 'url', w.url, 'events', w.events, 'failureCount', w.failure_count, 'createdAt', w.created_at) " +
        "ORDER BY w.url) FROM webhooks w WHERE w.business_id = b.id AND w.is_active = true), '[]'::json))::text " + OwnBusiness;

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/business/api-keys", (HttpContext http, UserDb db) => QueryOwnAsync(http, db, ApiKeysSql));
        app.MapGet("/api/business/webhooks", (HttpContext http, UserDb db) => QueryOwnAsync(http, db, WebhooksSql));
    }

    private static Task<IResult> QueryOwnAsync(HttpContext http, UserDb db, string sql) =>
        db.RunAsync(http, async (connection, userId, ct) =>
            await JsonQuery.ScalarAsync(connection, sql, ct, userId) is { } json
                ? JsonQuery.Ok(json)
                : Problems.NotFound("This user owns no business profile."));
}
