using TargetApi.Data;
using TargetApi.Http;

namespace TargetApi.Endpoints;

/// <summary>GET /api/analytics/pin-verifications?month=YYYY-MM and GET /api/analytics/api-usage?month=YYYY-MM.</summary>
public static class AnalyticsEndpoints
{
    private const string Business = "WITH b AS (SELECT b.id " + BusinessEndpoints.OwnBusiness + ") ";

    private const string PinSql =
        Business +
        "SELECT json_build_object('businessId', b.id, 'month', $4::text, 'total', coalesce(sum(s.c), 0), " +
        "'byStatus', coalesce(json_object_agg(s.status, s.c) FILTER (WHERE s.status IS NOT NULL), '{}'::json))::text " +
        "FROM b LEFT JOIN LATERAL (SELECT v.status, count(*) AS c FROM pin_verifications v " +
        "WHERE v.business_id = b.id AND v.created_at >= $2 AND v.created_at < $3 GROUP BY v.status) s ON true GROUP BY b.id";

    // created_at bounds as parameters: the planner prunes api_usage_logs to one monthly partition.
    private const string UsageSql =
        Business +
        "SELECT json_build_object('businessId', b.id, 'month', $4::text, 'days', coalesce((SELECT json_agg(json_build_object(" +
        "'day', d.day, 'requests', d.requests, 'errors', d.errors, 'avgResponseTimeMs', d.avg_ms) ORDER BY d.day) FROM (" +
        "SELECT date_trunc('day', l.created_at)::date AS day, count(*) AS requests, count(*) FILTER (WHERE l.status_code >= 400) AS errors, " +
        "round(avg(l.response_time_ms), 1) AS avg_ms FROM api_usage_logs l " +
        "WHERE l.business_id = b.id AND l.created_at >= $2 AND l.created_at < $3 GROUP BY 1) d), '[]'::json))::text FROM b";

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/analytics/pin-verifications", (HttpContext http, UserDb db, TimeProvider clock) => MonthlyAsync(http, db, clock, PinSql));
        app.MapGet("/api/analytics/api-usage", (HttpContext http, UserDb db, TimeProvider clock) => MonthlyAsync(http, db, clock, UsageSql));
    }

    private static Task<IResult> MonthlyAsync(HttpContext http, UserDb db, TimeProvider clock, string sql)
    {
        if (!QueryParsing.TryMonth(http.Request.Query["month"], clock, out var from, out var error))
        {
            return Task.FromResult(Problems.BadRequest(error!));
        }

        var month = from.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        return db.RunAsync(http, async (connection, userId, ct) =>
            await JsonQuery.ScalarAsync(connection, sql, ct, userId, from, from.AddMonths(1), month) is { } json
                ? JsonQuery.Ok(json)
                : Problems.NotFound("This user owns no business profile."));
    }
}
