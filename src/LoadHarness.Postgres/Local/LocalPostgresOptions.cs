namespace LoadHarness.Postgres.Local;

/// <summary>Settings of a throwaway cluster started by <see cref="LocalPostgres"/>.</summary>
public sealed record LocalPostgresOptions
{
    /// <summary>Folder holding the server binaries (initdb, pg_ctl); null finds them on PATH, then the newest /usr/lib/postgresql/&lt;v&gt;/bin.</summary>
    public string? BinDirectory { get; init; }

    /// <summary>Parent of every cluster folder; each cluster lives in &lt;root&gt;/&lt;pid&gt;-&lt;guid&gt;.</summary>
    public string RootDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "loadharness-pg");

    /// <summary>max_connections: the harness runs 100+ VUs against the database plus the API's pool.</summary>
    public int MaxConnections { get; init; } = 300;

    /// <summary>shared_buffers, e.g. "256MB".</summary>
    public string SharedBuffers { get; init; } = "256MB";

    /// <summary>How long to wait for the server to accept connections.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Extra postgresql.conf settings (name -> value as written in the file, quotes included when needed).</summary>
    public IReadOnlyDictionary<string, string> ExtraSettings { get; init; } = new Dictionary<string, string>();
}
