using System.Globalization;
using LoadHarness.Scenarios.Catalog;
using TargetApi.Database;
using Microsoft.Extensions.Configuration;

namespace LoadHarness.Scenarios;

/// <summary>
/// A shipped scenario's settings: its <c>CustomSettings</c> first, then <c>GlobalCustomSettings</c>, then the default.
/// A value that does not parse throws <see cref="InvalidOperationException"/> naming the key.
/// </summary>
internal sealed class ShippedScenarioSettings(string scenarioName, ScenarioBuildContext context)
{
    public const string UsersKey = "Users";
    public const string SeedUsersKey = "SeedUsers";
    public const string AsApiRoleKey = "AsApiRole";
    public const string MaxPoolSizeKey = "MaxPoolSize";
    public const string BusinessesKey = "Businesses";
    public const string WarmConnectionsKey = "WarmConnections";

    /// <summary>
    /// 20 per db scenario, all opened in init: at the seed's 100 VUs with 1 s think time a query is in flight ~0.1 of the
    /// time, so 20 absorbs bursts; a larger pool only adds server processes, and opening them mid-run (a fork each) on a
    /// small machine feeds back into latency until the run collapses. Raise MaxPoolSize for heavier loads.
    /// </summary>
    public const int DefaultMaxPoolSize = 20;
    public const int DefaultWarmConnections = 20;

    public static readonly TimeSpan DefaultThinkTime = TimeSpan.FromSeconds(1);

    public TargetSettings Target => context.Target;

    /// <summary>How many seeded users to draw from: <c>Users</c>, else <c>GlobalCustomSettings.SeedUsers</c>, else 10,000.</summary>
    public int Users => Int(UsersKey, null) ?? Int(SeedUsersKey, context.GlobalCustomSettings) ?? SampleDatabase.DefaultUsers;

    /// <summary>Business owners to draw from (users 1..n): <c>Businesses</c>, else users / 10.</summary>
    public int Businesses => Int(BusinessesKey, null) ?? SampleDatabase.BusinessCount(Users);

    public bool AsApiRole => Bool(AsApiRoleKey) ?? false;

    public int MaxPoolSize => Int(MaxPoolSizeKey, null) ?? DefaultMaxPoolSize;

    /// <summary>Connections a db scenario opens before the load starts (kept as the pool's minimum); default 20.</summary>
    public int WarmConnections => Int(WarmConnectionsKey, null) ?? DefaultWarmConnections;

    /// <summary>The API's base URL; throws when the target has none.</summary>
    public Uri ApiBaseUrl => context.Target.ApiBaseUrl is { Length: > 0 } url
        ? new Uri(url.EndsWith('/') ? url : url + "/")
        : throw new InvalidOperationException($"scenario '{scenarioName}' needs Target.ApiBaseUrl (empty Target = the embedded default sets it)");

    /// <summary>The owner's connection string, or the API role's with <c>AsApiRole</c>.</summary>
    public string ConnectionString => AsApiRole
        ? context.Target.ApiRoleConnectionString is { Length: > 0 } api ? api
            : throw new InvalidOperationException($"scenario '{scenarioName}': CustomSettings.AsApiRole needs Target.ApiRoleConnectionString (the embedded default sets it)")
        : context.Target.ConnectionString is { Length: > 0 } owner ? owner
            : throw new InvalidOperationException($"scenario '{scenarioName}' needs Target.ConnectionString (empty Target = the embedded default sets it)");

    private int? Int(string key, IConfiguration? section)
    {
        var text = (section ?? context.CustomSettings)[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new InvalidOperationException($"{Path(key, section)}: '{text}' is not a positive whole number");
    }

    private bool? Bool(string key)
    {
        var text = context.CustomSettings[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return bool.TryParse(text, out var value)
            ? value
            : throw new InvalidOperationException($"{Path(key, null)}: '{text}' is not true or false");
    }

    private string Path(string key, IConfiguration? section) =>
        section is null ? $"scenario '{scenarioName}' CustomSettings.{key}" : $"GlobalSettings.GlobalCustomSettings.{key}";
}
