namespace LoadHarness.Scenarios.Db;

/// <summary>The seed's SQL, parameterised ($1) instead of its literal 'test-uuid'.</summary>
internal static class DbQueries
{
    /// <summary>Test 1: profile fetch (target &lt; 10 ms).</summary>
    public const string ProfileFetch = "SELECT * FROM profiles WHERE user_id = $1";

    /// <summary>Test 2: unread notifications (target &lt; 5 ms).</summary>
    public const string UnreadCount = "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND is_read = false";

    /// <summary>Test 3: user sessions lookup by refresh token (target &lt; 10 ms); $1 is the token's SHA-256 as stored.</summary>
    public const string SessionLookup = "SELECT * FROM user_sessions WHERE refresh_token = $1 AND is_active = true";

    /// <summary>Test 4: business API keys (target &lt; 10 ms).</summary>
    public const string ApiKeys = "SELECT * FROM api_keys WHERE user_id = $1 AND is_active = true";

    /// <summary>Test 5: work experience timeline (target &lt; 20 ms).</summary>
    public const string WorkTimeline = "SELECT * FROM work_experiences WHERE user_id = $1 ORDER BY start_date DESC";

    /// <summary>"Before: Slow Profile Fetch", query 2 of 3 (query 1 is <see cref="ProfileFetch"/>, 3 is <see cref="UnreadCount"/>).</summary>
    public const string WorkExperiences = "SELECT * FROM work_experiences WHERE user_id = $1";

    /// <summary>"After: Optimized with Indexes": the single combined query.</summary>
    public const string ProfileCombined =
        """
        SELECT
            p.*,
            (SELECT json_agg(we) FROM work_experiences we WHERE we.user_id = p.user_id) as work_exp,
            (SELECT COUNT(*) FROM notifications n WHERE n.user_id = p.user_id AND n.is_read = false) as unread_count
        FROM profiles p
        WHERE p.user_id = $1
        """;
}
