using Microsoft.AspNetCore.Builder;
using Npgsql;
using Xunit;

namespace TargetApi.Tests;

/// <summary>A connection string's Minimum Pool Size is opened at startup (a service in use has its pool open).</summary>
[Collection(SampleCollection.Name)]
public sealed class PoolWarmUpTests(SampleFixture fixture)
{
    [Fact]
    public async Task Startup_opens_the_minimum_pool_size_before_any_request()
    {
        var connection = new NpgsqlConnectionStringBuilder(fixture.Database.ApiConnectionString) { MinPoolSize = 6, ApplicationName = "warm_up_test" };
        await using var app = TargetApiApp.Build(["--urls", "http://127.0.0.1:0", "--ConnectionStrings:TargetDb", connection.ConnectionString]);
        await app.StartAsync();
        try
        {
            await using var monitor = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
            await monitor.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'warm_up_test'", monitor);

            Assert.Equal(6L, await count.ExecuteScalarAsync());
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
