using LoadHarness.Scenarios.Catalog;
using LoadHarness.Core.Scenarios;
using LoadHarness.Core.Scenarios.Feeds;
using TargetApi.Database;
using LoadHarness.Postgres.Steps;

namespace LoadHarness.Scenarios.Db;

/// <summary>
/// The seed's benchmark queries under load, straight through Npgsql (pooled, prepared), one step each, parameters
/// drawn at random from the seeded users (<c>Users</c>) or business owners (<c>Businesses</c>). With
/// <c>"AsApiRole": true</c> each query runs as the API's role in a transaction that first sets <c>app.user_id</c>
/// (row-level security applies), so comparing the two runs measures what RLS costs.
/// </summary>
internal static class DbScenarios
{
    public const string ProfileFetch = "db_profile_fetch";
    public const string UnreadCount = "db_unread_count";
    public const string SessionLookup = "db_session_lookup";
    public const string ApiKeys = "db_api_keys";
    public const string WorkTimeline = "db_work_timeline";
    public const string ProfileCombined = "db_profile_combined";
    public const string ProfileThreeQueries = "db_profile_three_queries";

    private const int FeedSeed = 16;

    public static IEnumerable<ScenarioDescriptor> Descriptors() =>
    [
        Describe(ProfileFetch, "seed test 1: SELECT * FROM profiles WHERE user_id = $1 (target < 10 ms)", "profile_fetch",
            false, n => [PgStatement.Of(DbQueries.ProfileFetch, SampleDatabase.UserId(n))], "one profile row", r => r.Rows == 1),
        Describe(UnreadCount, "seed test 2: COUNT(*) of a user's unread notifications (target < 5 ms)", "unread_count",
            false, n => [PgStatement.Of(DbQueries.UnreadCount, SampleDatabase.UserId(n))], "one count row", r => r.Rows == 1),
        Describe(SessionLookup, "seed test 3: user_sessions by refresh token, active (target < 10 ms)", "session_lookup",
            false, n => [PgStatement.Of(DbQueries.SessionLookup, SampleDatabase.TokenHash(SampleDatabase.SeededRefreshToken(n)))],
            "one session row", r => r.Rows == 1),
        Describe(ApiKeys, "seed test 4: a business owner's active API keys (target < 10 ms)", "api_keys",
            true, n => [PgStatement.Of(DbQueries.ApiKeys, SampleDatabase.UserId(n))], "active keys returned", r => r.Rows > 0),
        Describe(WorkTimeline, "seed test 5: a user's work experience, start_date DESC (target < 20 ms)", "work_timeline",
            false, n => [PgStatement.Of(DbQueries.WorkTimeline, SampleDatabase.UserId(n))], "timeline rows returned", r => r.Rows > 0),
        Describe(ProfileCombined, "the seed's \"after\": profile + work experience (json_agg) + unread count in one query", "profile_combined",
            false, n => [PgStatement.Of(DbQueries.ProfileCombined, SampleDatabase.UserId(n))], "one profile row", r => r.Rows == 1),
        Describe(ProfileThreeQueries, "the seed's \"before\": profile, work experience and unread count as three queries (three round trips)",
            "profile_three_queries", false, n =>
            {
                var id = SampleDatabase.UserId(n);
                return [PgStatement.Of(DbQueries.ProfileFetch, id), PgStatement.Of(DbQueries.WorkExperiences, id), PgStatement.Of(DbQueries.UnreadCount, id)];
            }, "profile, experience and count rows", r => r.Rows >= 3),
    ];

    private static ScenarioDescriptor Describe(string name, string description, string step, bool businessOwners,
        Func<int, PgStatement[]> statements, string checkName, Func<PgQueryResult, bool> expected) =>
        new(name, description + ". CustomSettings: Users, AsApiRole, MaxPoolSize, WarmConnections" + (businessOwners ? ", Businesses" : ""),
            ScenarioRequirements.Database,
            context => Build(new ShippedScenarioSettings(name, context), name, step, businessOwners, statements, checkName, expected));

    private static ScenarioDefinition Build(ShippedScenarioSettings settings, string name, string step, bool businessOwners,
        Func<int, PgStatement[]> statements, string checkName, Func<PgQueryResult, bool> expected)
    {
        var count = businessOwners ? settings.Businesses : settings.Users;
        var asApiRole = settings.AsApiRole;
        var resources = new DbScenarioResources(name, settings.ConnectionString, settings.MaxPoolSize, settings.WarmConnections);
        var work = new DbWork[count];
        for (var n = 1; n <= count; n++)
        {
            var options = asApiRole
                ? PgStepOptions.WithLocalSetting(SampleDatabase.UserIdSetting, SampleDatabase.UserId(n).ToString())
                : PgStepOptions.Default;
            work[n - 1] = new DbWork(statements(n), options);
        }

        var feed = DataFeed.Random(work, FeedSeed);
        return Scenario.Create(name, async context =>
            {
                var next = feed.Next(context);
                return await PgStep.Query(context, step, resources.DataSource, next.Statements, next.Options,
                    result => context.Check(checkName, expected(result))).ConfigureAwait(false);
            })
            .WithInit(resources.InitAsync)
            .WithClean(resources.CleanAsync)
            .WithThinkTime(ShippedScenarioSettings.DefaultThinkTime);
    }

    private sealed record DbWork(PgStatement[] Statements, PgStepOptions Options);
}
