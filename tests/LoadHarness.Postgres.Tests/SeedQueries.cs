using LoadHarness.Postgres.QueryBench;

namespace LoadHarness.Postgres.Tests;

/// <summary>The seed's five benchmark queries with its targets (as the default nbomber-config.json's Queries), plus the unread count as the API role under RLS.</summary>
internal static class SeedQueries
{
    private static readonly BenchParameter User = new("user_id", "SELECT id AS user_id FROM users ORDER BY random() LIMIT 100");

    public static IReadOnlyList<BenchQuery> All { get; } =
    [
        Query("profile", "SELECT * FROM profiles WHERE user_id = @user_id", "p(95) < 10", User),
        Query("unread_count", "SELECT COUNT(*) FROM notifications WHERE user_id = @user_id AND is_read = false", "p(95) < 5", User),
        Query("session", "SELECT * FROM user_sessions WHERE refresh_token = @refresh_token AND is_active = true", "p(95) < 10",
            new BenchParameter("refresh_token", "SELECT refresh_token FROM user_sessions WHERE is_active ORDER BY random() LIMIT 100")),
        Query("api_keys", "SELECT * FROM api_keys WHERE user_id = @user_id AND is_active = true", "p(95) < 10",
            new BenchParameter("user_id", "SELECT DISTINCT user_id FROM api_keys LIMIT 100")),
        Query("timeline", "SELECT * FROM work_experiences WHERE user_id = @user_id ORDER BY start_date DESC", "p(95) < 20", User),
        Query("unread_count_rls", "SELECT COUNT(*) FROM notifications WHERE user_id = @user_id AND is_read = false", "p(95) < 5", User) with
        {
            Role = "target_api",
            Settings = new Dictionary<string, string> { ["app.user_id"] = "@user_id" },
            RlsTargetMs = 10,
        },
    ];

    private static BenchQuery Query(string name, string sql, string target, params BenchParameter[] parameters)
    {
        Assert.True(QueryTarget.TryParse(target, out var parsed, out var error), error);
        return new BenchQuery { Name = name, Sql = sql, Parameters = parameters, Target = parsed };
    }
}
