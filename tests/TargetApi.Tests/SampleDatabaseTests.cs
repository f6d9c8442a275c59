using TargetApi.Database;
using Xunit;

namespace TargetApi.Tests;

[Collection(SampleCollection.Name)]
public sealed class SampleDatabaseTests(SampleFixture fixture)
{
    private string Owner => fixture.Database.OwnerConnectionString;

    [Fact]
    public async Task Seed_has_the_documented_shape()
    {
        const int users = SampleFixture.Users;
        Assert.Equal(users, await Db.ScalarAsync<long>(Owner, "SELECT count(*) FROM users"));
        Assert.Equal(users * 50, await Db.ScalarAsync<long>(Owner, "SELECT count(*) FROM notifications"));
        Assert.Equal(users * 2, await Db.ScalarAsync<long>(Owner, "SELECT count(*) FROM user_sessions WHERE user_agent IS NOT NULL"));
        Assert.Equal(users * 100, await Db.ScalarAsync<long>(Owner, "SELECT count(*) FROM api_usage_logs"));
        Assert.Equal(users * 20, await Db.ScalarAsync<long>(Owner, "SELECT count(*) FROM pin_verifications"));
        Assert.Equal(SampleDatabase.BusinessCount(users), await Db.ScalarAsync<long>(Owner, "SELECT count(*) FROM business_profiles"));
        Assert.Equal(SampleDatabase.BusinessCount(users), fixture.Database.Businesses);
        var unreadShare = await Db.ScalarAsync<decimal>(Owner, "SELECT avg(CASE WHEN is_read THEN 0 ELSE 1 END) FROM notifications");
        Assert.InRange(unreadShare, 0.25m, 0.35m);
        var experiences = await Db.ScalarAsync<decimal>(Owner, "SELECT count(*)::numeric / $1 FROM work_experiences", users);
        Assert.InRange(experiences, 2.5m, 3.5m);
        Assert.Equal(0, await Db.ScalarAsync<long>(Owner, "SELECT count(*) FROM ONLY api_usage_logs"));
    }

    [Fact]
    public async Task Seeded_ids_and_emails_follow_the_convention()
    {
        Assert.Equal(SampleDatabase.UserId(7), await Db.ScalarAsync<Guid>(Owner, "SELECT id FROM users WHERE email = $1", SampleDatabase.UserEmail(7)));
        Assert.Equal(SampleDatabase.UserId(7), await Db.ScalarAsync<Guid>(Owner, "SELECT user_id FROM business_profiles WHERE id = $1", SampleDatabase.BusinessId(7)));
        Assert.Equal(SampleDatabase.UserId(7), await Db.ScalarAsync<Guid>(Owner,
            "SELECT user_id FROM user_sessions WHERE access_token_hash = $1", SampleDatabase.TokenHash(SampleDatabase.SeededAccessToken(7))));
    }

    [Fact]
    public async Task Seed_is_deterministic_for_a_user_count()
    {
        // Tables the other tests do not modify; the values come from random() after setseed().
        const string fingerprint =
            "SELECT md5((SELECT string_agg(id::text || verification_status || start_date::text, ',' ORDER BY id) FROM work_experiences) " +
            "|| (SELECT string_agg(id::text || status, ',' ORDER BY id) FROM pin_verifications) " +
            "|| (SELECT string_agg(user_id::text || profile_completion_percentage, ',' ORDER BY user_id) FROM profiles))";
        var other = await fixture.Postgres.CreateDatabaseAsync("target_api_determinism");
        await SampleDatabase.CreateAsync(other, new SampleDatabaseOptions { Users = SampleFixture.Users });

        Assert.Equal(await Db.ScalarAsync<string>(Owner, fingerprint), await Db.ScalarAsync<string>(other, fingerprint));
    }

    [Fact]
    public void Api_connection_string_uses_the_api_role()
    {
        var api = new Npgsql.NpgsqlConnectionStringBuilder(fixture.Database.ApiConnectionString);
        Assert.Equal(SampleDatabase.ApiRole, api.Username);
        Assert.Equal(SampleDatabase.ApiRolePassword, api.Password);
    }
}
