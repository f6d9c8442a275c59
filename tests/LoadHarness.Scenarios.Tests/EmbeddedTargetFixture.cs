using LoadHarness.Scenarios.Embedded;
using Xunit;

namespace LoadHarness.Scenarios.Tests;

/// <summary>One embedded target for the whole test run: 500 seeded users, the index migration, the API as a child process.</summary>
public sealed class EmbeddedTargetFixture : IAsyncLifetime
{
    public const int SeedUsers = 500;

    private EmbeddedTarget? target;

    public EmbeddedTarget Target => target ?? throw new InvalidOperationException("the fixture is not initialised");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        target = await EmbeddedTarget.StartAsync(new EmbeddedTargetOptions { SeedUsers = SeedUsers }, timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (target is not null)
        {
            await target.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class EmbeddedCollection : ICollectionFixture<EmbeddedTargetFixture>
{
    public const string Name = "embedded target";
}
