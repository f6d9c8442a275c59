using LoadHarness.Postgres.Local;
using Npgsql;
using Xunit;

namespace TargetApi.Tests;

/// <summary>Its own clusters, in a root folder of their own, in parallel with the sample collection.</summary>
public sealed class LocalPostgresTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "lhpg-tests-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Start_serves_pg_stat_statements_with_test_settings_and_dispose_removes_everything()
    {
        var postgres = await LocalPostgres.StartAsync(new LocalPostgresOptions { RootDirectory = _root });
        var folder = postgres.ClusterDirectory;
        try
        {
            Assert.True(Directory.Exists(folder));
            Assert.StartsWith(Path.Combine(_root, Environment.ProcessId + "-"), folder, StringComparison.Ordinal);
            Assert.Equal(0, await Db.ScalarAsync<long>(postgres.ConnectionString,
                "SELECT count(*) FROM pg_stat_statements WHERE false"));
            Assert.Equal("off", await Db.ScalarAsync<string>(postgres.ConnectionString, "SHOW fsync"));
            Assert.Equal("on", await Db.ScalarAsync<string>(postgres.ConnectionString, "SHOW synchronous_commit"));
            Assert.Equal("on", await Db.ScalarAsync<string>(postgres.ConnectionString, "SHOW track_io_timing"));
            Assert.Equal("300", await Db.ScalarAsync<string>(postgres.ConnectionString, "SHOW max_connections"));
            var created = await postgres.CreateDatabaseAsync("other");
            Assert.Equal(1, await Db.ScalarAsync<long>(created, "SELECT count(*) FROM pg_extension WHERE extname = 'pg_stat_statements'"));
        }
        finally
        {
            await postgres.DisposeAsync();
        }

        Assert.False(Directory.Exists(folder));
        await using var connection = new NpgsqlConnection(postgres.ConnectionString + ";Timeout=2");
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => connection.OpenAsync());
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Start_removes_a_cluster_left_by_a_dead_process()
    {
        var stale = Path.Combine(_root, "2147483-" + Guid.NewGuid().ToString("N"));   // above Linux's pid_max
        Directory.CreateDirectory(Path.Combine(stale, "data"));
        await File.WriteAllTextAsync(Path.Combine(stale, "data", "PG_VERSION"), "15");

        await using (await LocalPostgres.StartAsync(new LocalPostgresOptions { RootDirectory = _root }))
        {
            Assert.False(Directory.Exists(stale));
        }

        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task A_root_too_long_for_a_unix_socket_path_still_starts()
    {
        var root = Path.Combine(_root, new string('r', 90));
        var postgres = await LocalPostgres.StartAsync(new LocalPostgresOptions { RootDirectory = root });
        await using (postgres)
        {
            Assert.Equal(1, await Db.ScalarAsync<int>(postgres.ConnectionString, "SELECT 1"));
        }

        Assert.False(Directory.Exists(postgres.ClusterDirectory));
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Missing_binaries_say_how_to_install_them_or_use_an_existing_server()
    {
        var error = await Assert.ThrowsAsync<PostgresBinariesNotFoundException>(() =>
            LocalPostgres.StartAsync(new LocalPostgresOptions { BinDirectory = "/nonexistent/bin", RootDirectory = _root }));

        Assert.Contains("apt-get install postgresql", error.Message, StringComparison.Ordinal);
        Assert.Contains("Target.ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_root));
    }
}
