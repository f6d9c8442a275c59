using TargetApi.Database;

namespace LoadHarness.Postgres.Tests;

/// <summary>The seed's five benchmark queries and the mark-as-read update, for a range of seeded users, as traffic for an audit.</summary>
internal static class SampleWorkload
{
    public static async Task RunAsync(string connectionString, int firstUser, int users, int markAsReadUsers)
    {
        var ids = Enumerable.Range(firstUser, users).Select(SampleDatabase.UserId).ToArray();
        await Db.WorkloadAsync(connectionString, "SELECT * FROM profiles WHERE user_id = $1", ids);
        await Db.WorkloadAsync(connectionString, "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND is_read = false", ids);
        await Db.WorkloadAsync(connectionString, "SELECT * FROM user_sessions WHERE refresh_token = $1 AND is_active = true",
            Enumerable.Range(firstUser, users).Select(n => SampleDatabase.TokenHash(SampleDatabase.SeededRefreshToken(n))));
        await Db.WorkloadAsync(connectionString, "SELECT * FROM api_keys WHERE user_id = $1 AND is_active = true", ids);
        await Db.WorkloadAsync(connectionString, "SELECT * FROM work_experiences WHERE user_id = $1 ORDER BY start_date DESC", ids);
        await Db.WorkloadAsync(connectionString, "UPDATE notifications SET is_read = true, read_at = now() WHERE user_id = $1 AND is_read = false",
            ids.Take(markAsReadUsers));
    }
}
