using System.Text.Json.Serialization;

namespace LoadHarness.Postgres.Audit;

/// <summary>Whether pg_stat_statements could be read.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StatementsAvailability>))]
public enum StatementsAvailability
{
    Available = 0,

    /// <summary>CREATE EXTENSION pg_stat_statements was not run in this database.</summary>
    NotInstalled = 1,

    /// <summary>The extension exists but the library is not in shared_preload_libraries.</summary>
    NotLoaded = 2,

    /// <summary>The role may not read it.</summary>
    NoPermission = 3,
}
