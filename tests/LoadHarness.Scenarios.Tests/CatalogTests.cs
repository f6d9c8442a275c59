using LoadHarness.Scenarios.Catalog;
using LoadHarness.Cli.Embedded;

namespace LoadHarness.Scenarios.Tests;

public sealed class CatalogTests
{
    [Fact]
    public void Every_shipped_scenario_is_registered_with_a_description_and_its_requirement()
    {
        var names = ShortRuns.Catalog.All.ToDictionary(d => d.Name, d => d);

        Assert.Equal(
            ["api_business", "api_profile", "api_user_journey", "db_api_keys", "db_profile_combined", "db_profile_fetch",
             "db_profile_three_queries", "db_session_lookup", "db_unread_count", "db_work_timeline"],
            names.Keys.Order(StringComparer.Ordinal));
        Assert.All(names.Values, d => Assert.False(string.IsNullOrWhiteSpace(d.Description)));
        Assert.All(names.Values.Where(d => d.Name.StartsWith("api_", StringComparison.Ordinal)), d => Assert.Equal(ScenarioRequirements.Api, d.Requires));
        Assert.All(names.Values.Where(d => d.Name.StartsWith("db_", StringComparison.Ordinal)), d => Assert.Equal(ScenarioRequirements.Database, d.Requires));
    }

    [Fact]
    public void A_bad_custom_setting_is_reported_by_its_key()
    {
        var target = new TargetSettings { ConnectionString = "Host=127.0.0.1;Database=x" };

        var error = Assert.Throws<InvalidOperationException>(() => ShortRuns.Build("db_unread_count", target, ("Users", "many")));

        Assert.Contains("CustomSettings.Users", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void As_api_role_without_an_api_role_connection_string_says_what_is_missing()
    {
        var target = new TargetSettings { ConnectionString = "Host=127.0.0.1;Database=x" };

        var error = Assert.Throws<InvalidOperationException>(() => ShortRuns.Build("db_profile_fetch", target, ("AsApiRole", "true")));

        Assert.Contains("ApiRoleConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_build_copies_TargetApi_beside_the_tests()
    {
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "targetapi", "TargetApi.dll")));
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "targetapi", "TargetApi.dll"), TargetApiLocator.Locate());
    }
}
