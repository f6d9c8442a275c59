using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace TargetApi.Database;

/// <summary>
/// The sample system under test's database (samples/TargetApi/db, embedded): schema, deterministic seed, the index
/// migration, and the conventions a load test needs to find real rows.
/// </summary>
public static class SampleDatabase
{
    /// <summary>Default seeded users.</summary>
    public const int DefaultUsers = 10_000;

    /// <summary>A small scale for tests.</summary>
    public const int SmallUsers = 200;

    /// <summary>The non-owner role the API connects as; row-level security applies to it.</summary>
    public const string ApiRole = "target_api";

    /// <summary>The API role's password.</summary>
    public const string ApiRolePassword = "target_api";

    /// <summary>The password of every seeded user.</summary>
    public const string UserPassword = "LoadHarness-2024!";

    /// <summary>The per-transaction setting the row-level security policies read.</summary>
    public const string UserIdSetting = "app.user_id";

    private const string SchemaFile = "001_schema.sql";
    private const string SeedFile = "002_seed.sql";
    private const string IndexesFile = "003_performance_indexes.sql";

    /// <summary>Email of seeded user n (1-based).</summary>
    public static string UserEmail(int n) => string.Create(CultureInfo.InvariantCulture, $"user{n}@example.test");

    /// <summary>Id of seeded user n: md5('user:' || n)::uuid.</summary>
    public static Guid UserId(int n) => SeedId("user", n.ToString(CultureInfo.InvariantCulture));

    /// <summary>Id of business b, owned by user b.</summary>
    public static Guid BusinessId(int b) => SeedId("business", b.ToString(CultureInfo.InvariantCulture));

    /// <summary>Public profile slug of user n.</summary>
    public static string ProfileSlug(int n) => string.Create(CultureInfo.InvariantCulture, $"user-{n}");

    /// <summary>A bearer token seeded for user n, valid for a day after seeding (skips login in load tests).</summary>
    public static string SeededAccessToken(int n) => string.Create(CultureInfo.InvariantCulture, $"seed-access-{n}");

    /// <summary>The refresh token seeded for user n (valid once: refreshing rotates it).</summary>
    public static string SeededRefreshToken(int n) => string.Create(CultureInfo.InvariantCulture, $"seed-refresh-{n}");

    /// <summary>How a token is stored (user_sessions.access_token_hash and refresh_token): lowercase hex SHA-256.</summary>
    public static string TokenHash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Businesses seeded for a user count: user1 .. user{result} own one each.</summary>
    public static int BusinessCount(int users) => Math.Max(1, users / 10);

    /// <summary>The API role's connection string for the same server and database.</summary>
    public static string ApiConnectionString(string ownerConnectionString) =>
        new NpgsqlConnectionStringBuilder(ownerConnectionString) { Username = ApiRole, Password = ApiRolePassword }.ConnectionString;

    /// <summary>The text of one of the sample's SQL files (001_schema.sql, 002_seed.sql, 003_performance_indexes.sql).</summary>
    public static string Sql(string fileName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("TargetApi.Database.Sql." + fileName)
            ?? throw new ArgumentException($"No embedded SQL file named {fileName}.", nameof(fileName));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Prepares the sample on an empty database: schema, seed, optionally the index migration, then CHECKPOINT and
    /// VACUUM ANALYZE. <paramref name="ownerConnectionString"/> must be a superuser's.
    /// </summary>
    public static async Task<SampleDatabaseInfo> CreateAsync(string ownerConnectionString, SampleDatabaseOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new SampleDatabaseOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Users, 1);
        await ApplySchemaAsync(ownerConnectionString, cancellationToken).ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        await SeedAsync(ownerConnectionString, options.Users, cancellationToken).ConfigureAwait(false);
        if (options.ApplyIndexes)
        {
            await ApplyIndexesAsync(ownerConnectionString, cancellationToken).ConfigureAwait(false);
        }

        await CheckpointAndAnalyzeAsync(ownerConnectionString, cancellationToken).ConfigureAwait(false);
        return new SampleDatabaseInfo(ownerConnectionString, ApiConnectionString(ownerConnectionString), options.Users,
            BusinessCount(options.Users), options.ApplyIndexes, watch.Elapsed);
    }

    /// <summary>Creates the schema, the API role, row-level security; does nothing when the users table exists.</summary>
    public static async Task ApplySchemaAsync(string ownerConnectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(ownerConnectionString, cancellationToken).ConfigureAwait(false);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('public.users') IS NOT NULL", connection);
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
        {
            await ExecuteAsync(connection, Sql(SchemaFile), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Seeds <paramref name="users"/> users and everything that hangs off them; the tables must be empty.</summary>
    public static async Task SeedAsync(string ownerConnectionString, int users, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(ownerConnectionString, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"SET seed.users = {users.ToString(CultureInfo.InvariantCulture)}", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, Sql(SeedFile), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies db/003_performance_indexes.sql (idempotent).</summary>
    public static async Task ApplyIndexesAsync(string ownerConnectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(ownerConnectionString, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, Sql(IndexesFile), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>CHECKPOINT then VACUUM ANALYZE: fills the visibility map (index-only scans) and the statistics.</summary>
    public static async Task CheckpointAndAnalyzeAsync(string ownerConnectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(ownerConnectionString, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "CHECKPOINT", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "VACUUM ANALYZE", cancellationToken).ConfigureAwait(false);
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken ct)
    {
        // No pooling and no command timeout: a one-off administrative connection running long statements.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, CommandTimeout = 0 };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static Guid SeedId(string kind, string n) =>
        Guid.ParseExact(Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(kind + ":" + n))), "N");
}
