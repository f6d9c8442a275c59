using LoadHarness.Postgres.Audit;
using TargetApi.Database;

namespace LoadHarness.Postgres.Tests;

/// <summary>
/// The seed's audit on the sample (500 users; "big" from 200 rows at this scale): before the index migration the audit
/// flags the sequential scans and recommends the migration's indexes; after it, those scans are gone and the critique
/// finds the migration's own weak spots (the partial index that makes mark-as-read non-HOT).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SampleAuditTests(PostgresFixture fixture)
{
    private static readonly AuditOptions Options = new() { BigTableRows = 200, MinScans = 10, MinUpdates = 50 };

    [Fact]
    public async Task Before_the_migration_the_audit_recommends_its_indexes_and_after_it_the_scans_are_gone()
    {
        var db = await fixture.CreateDatabaseAsync("sample_audit");
        await SampleDatabase.CreateAsync(db, new SampleDatabaseOptions { Users = 500 });

        var before = await AuditIntervalAsync(db, firstUser: 1);

        var notifications = Seq(before, "notifications");
        Assert.Equal(AuditSeverity.Critical, notifications.Severity);
        Assert.Equal("CREATE INDEX CONCURRENTLY ON notifications (user_id) WHERE is_read = false;", notifications.Sql);
        Assert.Contains("100 % of scans sequential", notifications.Message, StringComparison.Ordinal);
        Assert.Contains("rows read per scan of 25,000", notifications.Message, StringComparison.Ordinal);
        Assert.Equal("CREATE INDEX CONCURRENTLY ON user_sessions (refresh_token);", Seq(before, "user_sessions").Sql);
        Assert.Equal("CREATE INDEX CONCURRENTLY ON api_keys (user_id);", Seq(before, "api_keys").Sql);
        Assert.Equal("CREATE INDEX CONCURRENTLY ON work_experiences (user_id, start_date DESC);", Seq(before, "work_experiences").Sql);
        Assert.Equal("CREATE INDEX CONCURRENTLY ON profiles (user_id);", Seq(before, "profiles").Sql);
        var usageBefore = Assert.Single(before.Targets, t => t.Name.StartsWith("index usage", StringComparison.Ordinal));
        Assert.False(usageBefore.Met);
        // Mark-as-read before the migration: no index uses is_read, so updates with room on their page stay HOT.
        Assert.True(Assert.Single(before.Tables, t => t.Name == "notifications").HotUpdates > 0);
        Assert.DoesNotContain(before.Findings, f => f.Kind == "hot-blocking-index");

        await SampleDatabase.ApplyIndexesAsync(db);
        await SampleDatabase.CheckpointAndAnalyzeAsync(db);
        var after = await AuditIntervalAsync(db, firstUser: 101);

        Assert.DoesNotContain(after.Findings, f => f.Kind == "sequential-scans" && f.Subject is "notifications" or "user_sessions" or "profiles" or "work_experiences");
        Assert.Equal(0, Assert.Single(after.Tables, t => t.Name == "notifications").SeqScans);
        Assert.True(Assert.Single(after.Tables, t => t.Name == "notifications").IndexScans >= 30);
        var usageAfter = Assert.Single(after.Targets, t => t.Name.StartsWith("index usage", StringComparison.Ordinal));
        Assert.True(usageAfter.Value > usageBefore.Value, $"index usage {usageBefore.Value} -> {usageAfter.Value}");
        var notificationsAfter = Assert.Single(after.Tables, t => t.Name == "notifications");
        Assert.True(notificationsAfter.Updates >= 50, $"{notificationsAfter.Updates} updates");
        Assert.Equal(0, notificationsAfter.HotUpdates);   // every update sets is_read, which idx_notifications_user_unread's predicate uses
        var hot = Assert.Single(after.Findings, f => f.Kind == "hot-blocking-index");
        Assert.Equal("idx_notifications_user_unread", hot.Subject);
        Assert.Contains("uses is_read, which the updates set", hot.Message, StringComparison.Ordinal);
        Assert.Contains(after.Findings, f => f.Kind == "redundant-index-column" && f.Subject == "idx_api_keys_user_active");
        Assert.Contains(after.UnindexedForeignKeys, fk => fk.Table == "user_sessions" && fk.Columns.SequenceEqual(["user_id"]));
        Assert.DoesNotContain(after.UnindexedForeignKeys, fk => fk.Table is "notifications" or "profiles" or "work_experiences");
    }

    private async Task<AuditReport> AuditIntervalAsync(string db, int firstUser)
    {
        var first = await PostgresAudit.SnapshotAsync(db, Options);
        await SampleWorkload.RunAsync(db, firstUser, users: 30, markAsReadUsers: 10);
        var second = await PostgresAudit.SnapshotAsync(db, Options);
        return AuditAnalyzer.Analyze(second, first, Options);
    }

    private static AuditFinding Seq(AuditReport report, string table) =>
        Assert.Single(report.Findings, f => f.Kind == "sequential-scans" && f.Subject == table);
}
