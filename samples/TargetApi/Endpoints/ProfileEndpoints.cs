using Npgsql;
using TargetApi.Data;
using TargetApi.Http;

namespace TargetApi.Endpoints;

/// <summary>GET /api/profile (the seed's single combined query), GET /api/profiles/{slug} (public).</summary>
public static class ProfileEndpoints
{
    internal const string WorkExperienceJson =
        "json_build_object('id', we.id, 'companyName', we.company_name, 'title', we.title, 'description', we.description, " +
        "'startDate', we.start_date, 'endDate', we.end_date, 'isCurrent', we.is_current, 'verificationStatus', we.verification_status)";

    // The seed's "after": profile + work experience as JSON + unread count in one query.
    private const string ProfileSql =
        "SELECT json_build_object(" +
        "'id', p.id, 'userId', p.user_id, 'slug', p.slug, 'displayName', p.display_name, 'headline', p.headline, " +
        "'bio', p.bio, 'location', p.location, 'isPublic', p.is_public, 'verificationStatus', p.verification_status, " +
        "'profileCompletionPercentage', p.profile_completion_percentage, 'updatedAt', p.updated_at, " +
        "'workExperiences', coalesce((SELECT json_agg(" + WorkExperienceJson + " ORDER BY we.start_date DESC) " +
        "FROM work_experiences we WHERE we.user_id = p.user_id), '[]'::json), " +
        "'unreadCount', (SELECT count(*) FROM notifications n WHERE n.user_id = p.user_id AND n.is_read = false)" +
        ")::text FROM profiles p WHERE p.user_id = $1";

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/profile", (HttpContext http, UserDb db) => db.RunAsync(http, async (connection, userId, ct) =>
            await JsonQuery.ScalarAsync(connection, ProfileSql, ct, userId) is { } json
                ? JsonQuery.Ok(json)
                : Problems.NotFound("This user has no profile.")));

        app.MapGet("/api/profiles/{slug}", GetPublicAsync);
    }

    private static async Task<IResult> GetPublicAsync(string slug, NpgsqlDataSource db, CancellationToken ct)
    {
        if (!QueryParsing.IsSlug(slug))
        {
            return Problems.BadRequest("slug must be 1-64 lowercase letters, digits or dashes.");
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        return await JsonQuery.ScalarAsync(connection, "SELECT api_public_profile($1)::text", ct, slug) is { } json
            ? JsonQuery.Ok(json)
            : Problems.NotFound($"No public profile '{slug}'.");
    }
}
