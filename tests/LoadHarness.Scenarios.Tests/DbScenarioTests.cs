using TargetApi.Database;
using LoadHarness.Postgres.Steps;
using Npgsql;

namespace LoadHarness.Scenarios.Tests;

[Collection(EmbeddedCollection.Name)]
public sealed class DbScenarioTests(EmbeddedTargetFixture fixture)
{
    public static readonly TheoryData<string, string> DbScenarios = new()
    {
        { "db_profile_fetch", "profile_fetch" },
        { "db_unread_count", "unread_count" },
        { "db_session_lookup", "session_lookup" },
        { "db_api_keys", "api_keys" },
        { "db_work_timeline", "work_timeline" },
        { "db_profile_combined", "profile_combined" },
        { "db_profile_three_queries", "profile_three_queries" },
    };

    private static readonly (string Scenario, string Step)[] Expected = DbScenarios.Select(row => ((string)row[0], (string)row[1])).ToArray();

    [Fact]
    public async Task Every_db_scenario_records_ok_requests_under_its_step_name_with_every_check_passing()
    {
        var scenarios = Expected.Select(e => ShortRuns.Build(e.Scenario, fixture.Target.Target)).ToArray();

        var result = await ShortRuns.RunAsync(scenarios, TimeSpan.FromSeconds(2));

        AssertEveryScenarioOk(result);
    }

    [Fact]
    public async Task As_the_api_role_every_db_scenario_finds_its_users_rows_through_row_level_security()
    {
        var scenarios = Expected.Select(e => ShortRuns.Build(e.Scenario, fixture.Target.Target, ("AsApiRole", "true"), ("Users", "100"))).ToArray();

        var result = await ShortRuns.RunAsync(scenarios, TimeSpan.FromSeconds(2));

        // The checks ("one profile row", ...) pass only when app.user_id matched the queried user.
        AssertEveryScenarioOk(result);
    }

    [Fact]
    public async Task As_the_api_role_a_query_sees_only_the_rows_of_the_user_in_app_user_id()
    {
        await using var dataSource = NpgsqlDataSource.Create(fixture.Target.Target.ApiRoleConnectionString!);
        var asUser3 = PgStepOptions.WithLocalSetting(SampleDatabase.UserIdSetting, SampleDatabase.UserId(3).ToString());

        var own = await PgExecutor.ExecuteAsync(dataSource, [PgStatement.Of("SELECT * FROM profiles WHERE user_id = $1", SampleDatabase.UserId(3))], asUser3, CancellationToken.None);
        var other = await PgExecutor.ExecuteAsync(dataSource, [PgStatement.Of("SELECT * FROM profiles WHERE user_id = $1", SampleDatabase.UserId(4))], asUser3, CancellationToken.None);
        var everyone = await PgExecutor.ExecuteAsync(dataSource, [PgStatement.Of("SELECT DISTINCT user_id FROM notifications")], asUser3, CancellationToken.None);
        var nobody = await PgExecutor.ExecuteAsync(dataSource, [PgStatement.Of("SELECT count(*) FROM notifications")], PgStepOptions.Default, CancellationToken.None);

        Assert.Equal(1, own.Rows);
        Assert.Equal(0, other.Rows);
        Assert.Equal(1, everyone.Rows);
        Assert.Equal(SampleDatabase.UserId(3), everyone.FirstValue);
        Assert.Equal(0L, nobody.FirstValue); // without app.user_id the API role sees no notification at all
    }

    [Fact]
    public async Task A_server_error_fails_the_step_with_kind_pg_and_the_sqlstate()
    {
        var scenario = LoadHarness.Core.Scenarios.Scenario.Create("pg_errors", async ctx =>
        {
            await using var dataSource = NpgsqlDataSource.Create(fixture.Target.Target.ConnectionString!);
            return await PgStep.Query(ctx, "missing_table", dataSource, PgStatement.Of("SELECT * FROM no_such_table"));
        });

        var result = await ShortRuns.RunAsync([scenario], TimeSpan.FromSeconds(1), vus: 1);

        var step = Assert.Single(Assert.Single(result.Scenarios).Steps);
        Assert.Equal(0, step.Stats.OkCount);
        var error = Assert.Single(step.Stats.Errors);
        Assert.Equal("pg 42P01", error.Kind);
        Assert.Contains("no_such_table", error.FirstMessage, StringComparison.Ordinal);
    }

    private static void AssertEveryScenarioOk(LoadHarness.Core.Results.RunResult result)
    {
        foreach (var (name, stepName) in Expected)
        {
            var scenario = Assert.Single(result.Scenarios, s => s.Name == name);
            var why = ShortRuns.Describe(scenario);
            var step = Assert.Single(scenario.Steps);
            Assert.True(step.Name == stepName, why);
            Assert.True(step.Stats.OkCount >= 3, why);
            Assert.True(step.Stats.FailCount == 0, why);
            Assert.True(step.Stats.BytesTotal > 0, why);
            var check = Assert.Single(scenario.Checks);
            Assert.True(check.Fails == 0 && check.Passes > 0, why);
        }
    }
}
