using LoadHarness.Postgres.Audit;

namespace LoadHarness.Postgres.Tests;

/// <summary>The index critique on a schema of the tests' own, with every problem planted on purpose.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AuditCritiqueTests(PostgresFixture fixture) : IAsyncLifetime
{
    private const string Schema =
        """
        CREATE TABLE owners (id int PRIMARY KEY, name text NOT NULL);
        CREATE UNIQUE INDEX owners_name ON owners (name);
        CREATE INDEX owners_name_id ON owners (name, id);                       -- extends a unique key
        CREATE TABLE tasks (id int PRIMARY KEY, owner_id int NOT NULL REFERENCES owners (id), status text NOT NULL,
                            note text, created_at timestamptz NOT NULL) WITH (fillfactor = 70);
        CREATE INDEX tasks_open ON tasks (owner_id) WHERE status = 'open';      -- HOT-blocking: the workload sets status
        CREATE INDEX tasks_owner ON tasks (owner_id);                           -- covered by tasks_owner_created
        CREATE INDEX tasks_owner_created ON tasks (owner_id, created_at);
        CREATE INDEX tasks_created ON tasks (created_at);                       -- unused
        CREATE INDEX tasks_created_copy ON tasks (created_at);                  -- duplicate
        CREATE TABLE comments (id int PRIMARY KEY, task_id int NOT NULL REFERENCES tasks (id) ON DELETE CASCADE, body text);  -- unindexed FK
        INSERT INTO owners SELECT g, 'owner ' || g FROM generate_series(1, 200) g;
        INSERT INTO tasks SELECT g, 1 + g % 200, CASE WHEN g % 2 = 0 THEN 'open' ELSE 'done' END, 'note', now() - g * interval '1 minute'
          FROM generate_series(1, 5000) g;
        INSERT INTO comments SELECT g, 1 + g % 5000, 'comment ' || g FROM generate_series(1, 5000) g;
        """;

    private string db = "";
    private AuditReport report = null!;

    public async Task InitializeAsync()
    {
        db = await fixture.CreateDatabaseAsync("critique");
        await Db.ExecuteAsync(db, Schema);
        await Db.ExecuteAsync(db, "VACUUM ANALYZE");
        var baseline = await PostgresAudit.SnapshotAsync(db);
        await Db.WorkloadAsync(db, "SELECT * FROM tasks WHERE owner_id = $1 AND status = 'open'", Enumerable.Range(1, 100));
        await Db.WorkloadAsync(db, "UPDATE tasks SET status = 'done' WHERE id = $1", Enumerable.Range(1, 300).Select(i => i * 2));
        await Db.WorkloadAsync(db, "SELECT count(*) FROM comments WHERE task_id = $1", Enumerable.Range(1, 20));
        var current = await PostgresAudit.SnapshotAsync(db);
        report = AuditAnalyzer.Analyze(current, baseline, Options);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static AuditOptions Options => new() { BigTableRows = 1_000, MinScans = 5, MinUpdates = 100 };

    [Fact]
    public void A_duplicate_index_is_found_and_the_later_name_is_the_one_to_drop()
    {
        var finding = Assert.Single(report.Findings, f => f.Kind == "duplicate-index" && f.Subject == "tasks_created_copy");
        Assert.Equal(AuditSeverity.Warning, finding.Severity);
        Assert.Contains("duplicates tasks_created", finding.Message, StringComparison.Ordinal);
        Assert.Equal("DROP INDEX CONCURRENTLY tasks_created_copy;", finding.Sql);
        Assert.Contains("duplicate of tasks_created", Index("tasks_created_copy").Verdicts);
    }

    [Fact]
    public void An_index_covered_by_a_longer_one_and_an_index_extending_a_unique_key_are_found()
    {
        Assert.Contains(report.Findings, f => f.Kind == "duplicate-index" && f.Subject == "tasks_owner" && f.Message.Contains("covered by tasks_owner_created", StringComparison.Ordinal));
        Assert.Contains(report.Findings, f => f.Kind == "duplicate-index" && f.Subject == "owners_name_id" && f.Message.Contains("extends the unique owners_name", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Findings, f => f.Kind == "duplicate-index" && f.Subject is "owners_name" or "owners_pkey" or "tasks_owner_created");
    }

    [Fact]
    public void An_index_without_scans_in_the_window_is_unused_but_constraint_indexes_never_are()
    {
        Assert.Contains(report.Findings, f => f.Kind == "unused-index" && f.Subject == "tasks_created" && f.Sql == "DROP INDEX CONCURRENTLY tasks_created;");
        Assert.Equal(0, Index("tasks_created").Scans);
        Assert.True(Index("tasks_open").Scans >= 100, $"tasks_open: {Index("tasks_open").Scans} scans");
        Assert.DoesNotContain(report.Findings, f => f.Kind == "unused-index" && f.Subject is "owners_pkey" or "comments_pkey" or "owners_name" or "tasks_open");
        // In an interval audit an unused index is only worth knowing: 60 s prove little.
        Assert.All(report.Findings.Where(f => f.Kind == "unused-index"), f => Assert.Equal(AuditSeverity.Info, f.Severity));
    }

    [Fact]
    public void A_partial_index_whose_predicate_column_the_updates_set_blocks_HOT()
    {
        var tasks = Assert.Single(report.Tables, t => t.Name == "tasks");
        Assert.Equal(300, tasks.Updates);
        Assert.True(tasks.HotUpdates < 30, $"{tasks.HotUpdates} HOT updates");
        var finding = Assert.Single(report.Findings, f => f.Kind == "hot-blocking-index");
        Assert.Equal("tasks_open", finding.Subject);
        Assert.Equal(AuditSeverity.Warning, finding.Severity);
        Assert.Contains("uses status, which the updates set", finding.Message, StringComparison.Ordinal);
        Assert.Contains("blocks HOT updates (status)", Index("tasks_open").Verdicts);
    }

    [Fact]
    public void A_foreign_key_without_an_index_is_listed_and_its_index_suggested()
    {
        var fk = Assert.Single(report.UnindexedForeignKeys);
        Assert.Equal(("comments", "task_id", "tasks (id)"), (fk.Table, string.Join(",", fk.Columns), fk.References));
        Assert.Equal(5000, fk.TableRows);
        // The sequential scans on comments come from the statement that filters by task_id: one finding suggests the index.
        var scans = Assert.Single(report.Findings, f => f.Kind == "sequential-scans" && f.Subject == "comments");
        Assert.Equal("CREATE INDEX CONCURRENTLY ON comments (task_id);", scans.Sql);
        Assert.Contains("100 % of scans sequential", scans.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(report.UnindexedForeignKeys, f => f.Table == "tasks");
    }

    [Fact]
    public void The_report_is_an_interval_report_of_the_workload_only()
    {
        Assert.True(report.Window.IsInterval);
        var comments = Assert.Single(report.Tables, t => t.Name == "comments");
        Assert.Equal(20, comments.SeqScans);
        Assert.Equal(20 * 5000, comments.SeqRowsRead);
        Assert.Equal(AuditSeverity.Warning, report.WorstSeverity);
        Assert.True(report.HasFindingsAtLeast(AuditSeverity.Warning));
        Assert.False(report.HasFindingsAtLeast(AuditSeverity.Critical));
    }

    private IndexAudit Index(string name) => Assert.Single(report.Indexes, i => i.Name == name);
}
