namespace LoadHarness.Postgres.Audit;

/// <summary>A foreign key (the partitioned table's own, not its clones on partitions).</summary>
/// <param name="Name">The constraint's name.</param>
/// <param name="Schema">The referencing table's schema.</param>
/// <param name="TableOid">The referencing table.</param>
/// <param name="Table">The referencing table's name.</param>
/// <param name="Columns">The referencing columns, in key order.</param>
/// <param name="References">The referenced table and columns, e.g. "users(id)".</param>
/// <param name="OnDelete">ON DELETE action: a (no action), r (restrict), c (cascade), n (set null), d (set default).</param>
public sealed record ForeignKeyDefinition(string Name, string Schema, long TableOid, string Table, IReadOnlyList<string> Columns, string References, string OnDelete);
