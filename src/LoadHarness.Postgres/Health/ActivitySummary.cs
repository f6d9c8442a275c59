namespace LoadHarness.Postgres.Health;

/// <summary>What <see cref="ActivitySampler"/> saw: the most client connections at one sample, max_connections, and peaks by application and state.</summary>
public sealed record ActivitySummary(long PeakConnections, long MaxConnections, IReadOnlyList<ActivityPeak> Peaks);

/// <summary>The most connections of one application in one state at one sample.</summary>
public sealed record ActivityPeak(string Application, string State, long Peak);
