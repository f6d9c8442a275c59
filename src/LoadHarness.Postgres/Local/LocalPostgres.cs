using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace LoadHarness.Postgres.Local;

/// <summary>
/// A throwaway PostgreSQL cluster: initdb into a temp folder, 127.0.0.1 on a free port, its own socket folder,
/// test settings (fsync and full_page_writes off, synchronous_commit on) and pg_stat_statements preloaded and
/// created in template1 and postgres. Dispose stops the server and deletes the folder; a cluster left by a killed
/// run is removed by the next start.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable, IDisposable
{
    internal const string DataFolderName = "data";
    private const string Superuser = "postgres";

    private readonly EventHandler _onProcessExit;
    private int _disposed;

    private LocalPostgres(string directory, string binDirectory, int port)
    {
        ClusterDirectory = directory;
        BinDirectory = binDirectory;
        Port = port;
        ConnectionString = ConnectionStringFor("postgres");
        _onProcessExit = (_, _) => Dispose();
        AppDomain.CurrentDomain.ProcessExit += _onProcessExit;
    }

    /// <summary>The cluster's folder (&lt;root&gt;/&lt;pid&gt;-&lt;guid&gt;): data, socket and server log.</summary>
    public string ClusterDirectory { get; }

    /// <summary>The data directory.</summary>
    public string DataDirectory => Path.Combine(ClusterDirectory, DataFolderName);

    /// <summary>The server log file.</summary>
    public string LogFile => Path.Combine(ClusterDirectory, "postgres.log");

    /// <summary>The folder of the server binaries used.</summary>
    public string BinDirectory { get; }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Superuser connection string to the postgres database.</summary>
    public string ConnectionString { get; }

    /// <summary>Starts a new cluster; throws <see cref="PostgresBinariesNotFoundException"/> when PostgreSQL is not installed.</summary>
    public static async Task<LocalPostgres> StartAsync(LocalPostgresOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalPostgresOptions();
        var bin = PostgresBinaries.Find(options.BinDirectory);
        Directory.CreateDirectory(options.RootDirectory);
        await StaleClusters.CleanAsync(options.RootDirectory, bin, cancellationToken).ConfigureAwait(false);

        var folder = Path.Combine(options.RootDirectory,
            Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..12]);
        var socketFolder = SocketFolder(folder);
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(socketFolder);
        try
        {
            if (OperatingSystem.IsLinux() && OsCommand.RunsAsRoot)
            {
                await OsCommand.EnsurePostgresUserAsync(cancellationToken).ConfigureAwait(false);
                await OsCommand.ChownToPostgresAsync(folder, cancellationToken).ConfigureAwait(false);
                await OsCommand.ChownToPostgresAsync(socketFolder, cancellationToken).ConfigureAwait(false);
                // The postgres user must be able to reach the folder.
                File.SetUnixFileMode(options.RootDirectory, (UnixFileMode)0b111_111_111 | UnixFileMode.StickyBit);
            }

            var data = Path.Combine(folder, DataFolderName);
            await OsCommand.RunAsPostgresAsync(Path.Combine(bin, "initdb"),
                ["-D", data, "-U", Superuser, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"],
                TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);

            var port = FreePort();
            await File.AppendAllTextAsync(Path.Combine(data, "postgresql.conf"), Settings(options, port, socketFolder), cancellationToken)
                .ConfigureAwait(false);

            var server = new LocalPostgres(folder, bin, port);
            try
            {
                await server.StartServerAsync(options.StartTimeout, cancellationToken).ConfigureAwait(false);
                await server.CreateStatStatementsAsync(cancellationToken).ConfigureAwait(false);
                return server;
            }
            catch
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch
        {
            StaleClusters.TryDelete(folder);
            StaleClusters.TryDelete(socketFolder);
            throw;
        }
    }

    /// <summary>The socket folder: inside the cluster folder unless that path is too long for a Unix socket (107 bytes).</summary>
    internal static string SocketFolder(string folder)
    {
        var inside = Path.Combine(folder, "s");
        return inside.Length + "/.s.PGSQL.65535".Length <= 100
            ? inside
            : Path.Combine("/tmp", "lhpg-" + Path.GetFileName(folder));
    }

    /// <summary>Superuser connection string to another database of this cluster.</summary>
    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Database = database,
    }.ConnectionString;

    /// <summary>Creates a database (pg_stat_statements included, from template1) and returns its superuser connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return ConnectionStringFor(name);
    }

    /// <summary>
    /// Stops the server (fast shutdown: open connections are terminated) and keeps the cluster, so
    /// <see cref="StartAgainAsync"/> brings it back on the same port with the same data: an outage, as a test causes one.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken = default) =>
        StaleClusters.StopServerAsync(DataDirectory, BinDirectory, cancellationToken);

    /// <summary>Starts the server again after <see cref="StopAsync"/>.</summary>
    public Task StartAgainAsync(CancellationToken cancellationToken = default) =>
        StartServerAsync(new LocalPostgresOptions().StartTimeout, cancellationToken);

    /// <summary>Stops the server (fast shutdown) and deletes the cluster's folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= _onProcessExit;
        NpgsqlConnection.ClearAllPools();
        await StaleClusters.StopServerAsync(DataDirectory, BinDirectory, CancellationToken.None).ConfigureAwait(false);
        StaleClusters.TryDelete(ClusterDirectory);
        StaleClusters.TryDelete(SocketFolder(ClusterDirectory));
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task StartServerAsync(TimeSpan timeout, CancellationToken ct)
    {
        var seconds = ((int)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        try
        {
            await OsCommand.RunAsPostgresAsync(Path.Combine(BinDirectory, "pg_ctl"),
                ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", seconds],
                timeout + TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile, ct).ConfigureAwait(false) : "(no log)";
            throw new InvalidOperationException($"PostgreSQL did not start on port {Port}: {ex.Message}\nServer log:\n{log}", ex);
        }
    }

    private async Task CreateStatStatementsAsync(CancellationToken ct)
    {
        foreach (var database in new[] { "template1", "postgres" })
        {
            await using var connection = new NpgsqlConnection(ConnectionStringFor(database) + ";Pooling=false");
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", connection);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private static string Settings(LocalPostgresOptions options, int port, string socketFolder)
    {
        var settings = new Dictionary<string, string>
        {
            ["port"] = port.ToString(CultureInfo.InvariantCulture),
            ["listen_addresses"] = "'127.0.0.1'",
            ["unix_socket_directories"] = $"'{socketFolder}'",
            ["max_connections"] = options.MaxConnections.ToString(CultureInfo.InvariantCulture),
            ["shared_buffers"] = $"'{options.SharedBuffers}'",
            ["fsync"] = "off",
            ["full_page_writes"] = "off",
            ["synchronous_commit"] = "on",
            ["shared_preload_libraries"] = "'pg_stat_statements'",
            ["pg_stat_statements.track"] = "'all'",
            ["track_io_timing"] = "on",
            ["timezone"] = "'UTC'",
            ["log_timezone"] = "'UTC'",
        };
        foreach (var (name, value) in options.ExtraSettings)
        {
            settings[name] = value;
        }

        var text = new StringBuilder("\n# LoadHarness LocalPostgres\n");
        foreach (var (name, value) in settings)
        {
            text.Append(name).Append(" = ").Append(value).Append('\n');
        }

        return text.ToString();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
