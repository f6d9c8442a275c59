namespace TargetApi.Database;

/// <summary>One of the seed's five benchmark queries, with literal values of a seeded row, as the seed runs them.</summary>
/// <param name="Name">Short name (profile, unread_count, session, api_keys, timeline).</param>
/// <param name="TargetMs">The seed's target for its EXPLAIN ANALYZE execution time.</param>
/// <param name="Table">The table scanned.</param>
/// <param name="ExpectedIndex">The index db/003_performance_indexes.sql gives it.</param>
/// <param name="Sql">The query (no EXPLAIN prefix).</param>
public sealed record SeedBenchmarkQuery(string Name, double TargetMs, string Table, string ExpectedIndex, string Sql)
{
    /// <summary>The five queries of the seed's test suite for seeded user <paramref name="user"/> (1 = a business owner).</summary>
    public static IReadOnlyList<SeedBenchmarkQuery> ForUser(int user)
    {
        var id = SampleDatabase.UserId(user);
        var refresh = SampleDatabase.TokenHash(SampleDatabase.SeededRefreshToken(user));
        return
        [
            new("profile", 10, "profiles", "idx_profiles_completion",
                $"SELECT * FROM profiles WHERE user_id = '{id}'"),
            new("unread_count", 5, "notifications", "idx_notifications_user_unread",
                $"SELECT COUNT(*) FROM notifications WHERE user_id = '{id}' AND is_read = false"),
            new("session", 10, "user_sessions", "idx_user_sessions_refresh_token_active",
                $"SELECT * FROM user_sessions WHERE refresh_token = '{refresh}' AND is_active = true"),
            new("api_keys", 10, "api_keys", "idx_api_keys_user_active",
                $"SELECT * FROM api_keys WHERE user_id = '{id}' AND is_active = true"),
            new("timeline", 20, "work_experiences", "idx_work_exp_user_start",
                $"SELECT * FROM work_experiences WHERE user_id = '{id}' ORDER BY start_date DESC"),
        ];
    }
}
