using LoadHarness.Postgres.Local;
using TargetApi.Database;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace TargetApi.Tests;

/// <summary>
/// One LocalPostgres cluster for the run, the sample database seeded at the small scale (no index migration: the API
/// must work in the "before" state too), and the API on real Kestrel on 127.0.0.1, connected as the API role.
/// </summary>
public sealed class SampleFixture : IAsyncLifetime
{
    public const int Users = SampleDatabase.SmallUsers;

    private WebApplication? _app;

    public LocalPostgres Postgres { get; private set; } = null!;

    public SampleDatabaseInfo Database { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Postgres = await LocalPostgres.StartAsync();
        var owner = await Postgres.CreateDatabaseAsync("target_api_tests");
        Database = await SampleDatabase.CreateAsync(owner, new SampleDatabaseOptions { Users = Users });

        _app = TargetApiApp.Build(["--urls", "http://127.0.0.1:0", "--ConnectionStrings:TargetDb", Database.ApiConnectionString]);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await Postgres.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SampleCollection : ICollectionFixture<SampleFixture>
{
    public const string Name = "sample";
}
