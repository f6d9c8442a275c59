using TargetApi.Data;
using TargetApi.Http;

namespace TargetApi.Endpoints;

/// <summary>GET /api/work-experiences (timeline, newest first) and GET /api/work-experiences/{id}.</summary>
public static class WorkExperienceEndpoints
{
    // The seed's benchmark 5: WHERE user_id = $1 ORDER BY start_date DESC.
    private const string TimelineSql =
        "SELECT coalesce(json_agg(t.item), '[]'::json)::text FROM (SELECT " + ProfileEndpoints.WorkExperienceJson + " AS item " +
        "FROM work_experiences we WHERE we.user_id = $1 ORDER BY we.start_date DESC) t";

    // No user filter on purpose: row-level security alone hides other users' rows (-> 404).
    private const string ByIdSql =
        "SELECT " + ProfileEndpoints.WorkExperienceJson + "::text FROM work_experiences we WHERE we.id = $1";

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/work-experiences", (HttpContext http, UserDb db) => db.RunAsync(http, async (connection, userId, ct) =>
            JsonQuery.Ok((await JsonQuery.ScalarAsync(connection, TimelineSql, ct, userId))!)));

        app.MapGet("/api/work-experiences/{id}", (string id, HttpContext http, UserDb db) => db.RunAsync(http, async (connection, _, ct) =>
        {
            if (!QueryParsing.TryGuid(id, out var experienceId))
            {
                return Problems.BadRequest("id must be a uuid.");
            }

            return await JsonQuery.ScalarAsync(connection, ByIdSql, ct, experienceId) is { } json
                ? JsonQuery.Ok(json)
                : Problems.NotFound("No such work experience.");
        }));
    }
}
