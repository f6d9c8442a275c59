namespace TargetApi.Database;

/// <summary>How <see cref="SampleDatabase.CreateAsync"/> prepares the sample database.</summary>
public sealed record SampleDatabaseOptions
{
    /// <summary>Seeded users (default 10,000: the seed's "ready for scale"). Businesses are users / 10.</summary>
    public int Users { get; init; } = SampleDatabase.DefaultUsers;

    /// <summary>Apply db/003_performance_indexes.sql (the "after" state of the audit).</summary>
    public bool ApplyIndexes { get; init; }
}
