using TargetApi.Database;
using Npgsql;
using Xunit;

namespace TargetApi.Tests;

/// <summary>As the API role, app.user_id decides which rows exist, even when a query asks for another user's.</summary>
[Collection(SampleCollection.Name)]
public sealed class RowLevelSecurityTests(SampleFixture fixture)
{
    [Theory]
    [InlineData("profiles")]
    [InlineData("work_experiences")]
    [InlineData("notifications")]
    [InlineData("user_sessions")]
    public async Task Another_users_rows_are_invisible_to_the_api_role(string table)
    {
        var other = SampleDatabase.UserId(31);
        var sql = $"SELECT count(*) FROM {table} WHERE user_id = $1";

        Assert.True(await Db.ScalarAsync<long>(fixture.Database.OwnerConnectionString, sql, other) > 0);
        Assert.Equal(0, await CountAsApiRoleAsync(SampleDatabase.UserId(30), sql, other));
        Assert.True(await CountAsApiRoleAsync(other, sql, other) > 0);
    }

    [Fact]
    public async Task Without_app_user_id_the_api_role_sees_no_user_rows()
    {
        Assert.Equal(0, await CountAsApiRoleAsync(null, "SELECT count(*) FROM notifications"));
        Assert.Equal(0, await CountAsApiRoleAsync(null, "SELECT count(*) FROM profiles"));
    }

    [Fact]
    public async Task The_api_role_cannot_write_rows_for_another_user()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => CountAsApiRoleAsync(SampleDatabase.UserId(32),
            "WITH i AS (INSERT INTO notifications (user_id, type, title, body) VALUES ($1, 't', 't', 'b') RETURNING 1) SELECT count(*) FROM i",
            SampleDatabase.UserId(33)));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task The_api_role_is_not_the_owner_and_cannot_bypass_rls()
    {
        Assert.Equal(SampleDatabase.ApiRole, await Db.ScalarAsync<string>(fixture.Database.ApiConnectionString, "SELECT current_user::text"));
        Assert.False(await Db.ScalarAsync<bool>(fixture.Database.ApiConnectionString,
            "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user"));
    }

    private async Task<long> CountAsApiRoleAsync(Guid? userId, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ApiConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (userId is not null)
        {
            await using var set = new NpgsqlCommand("SELECT set_config('app.user_id', $1, true)", connection, transaction);
            set.Parameters.Add(new NpgsqlParameter { Value = userId.Value.ToString() });
            await set.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }
}
