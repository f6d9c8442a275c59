namespace LoadHarness.Postgres.Local;

/// <summary>The PostgreSQL server binaries (initdb, pg_ctl) were not found: nothing can be started.</summary>
public sealed class PostgresBinariesNotFoundException(string searched)
    : Exception(
        "PostgreSQL server binaries (initdb, pg_ctl) were not found (searched: " + searched + "). " +
        "Install them (Debian/Ubuntu: `apt-get install postgresql`) or point the harness at an existing server " +
        "by setting Target.ConnectionString, so that no local cluster is started.")
{
    /// <summary>The places that were searched.</summary>
    public string Searched { get; } = searched;
}
