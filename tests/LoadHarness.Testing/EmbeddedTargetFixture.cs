using LoadHarness.Cli.Embedded;
using Xunit;

namespace LoadHarness.Testing;

/// <summary>
/// The embedded target, started once per test collection and always stopped: a throwaway PostgreSQL with
/// <see cref="SeedUsers"/> seeded users and the index migration, and the sample API as a child process. A test
/// assembly declares its collection with <c>[CollectionDefinition(...)] class X : ICollectionFixture&lt;EmbeddedTargetFixture&gt;</c>.
/// </summary>
public sealed class EmbeddedTargetFixture : IAsyncLifetime
{
    public const int SeedUsers = 500;

    private EmbeddedTarget? target;

    public EmbeddedTarget Target => target ?? throw new InvalidOperationException("the fixture is not initialised");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
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
