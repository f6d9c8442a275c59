namespace TargetApi.Database;

/// <summary>What <see cref="SampleDatabase.CreateAsync"/> produced.</summary>
/// <param name="OwnerConnectionString">The superuser/owner connection string (no row-level security).</param>
/// <param name="ApiConnectionString">The API role's connection string (row-level security applies).</param>
/// <param name="Users">Seeded users.</param>
/// <param name="Businesses">Seeded businesses (owned by user1 .. user{Businesses}).</param>
/// <param name="IndexesApplied">Whether the index migration was applied.</param>
/// <param name="SeedDuration">Time spent seeding (CHECKPOINT and VACUUM ANALYZE included).</param>
public sealed record SampleDatabaseInfo(
    string OwnerConnectionString,
    string ApiConnectionString,
    int Users,
    int Businesses,
    bool IndexesApplied,
    TimeSpan SeedDuration);
