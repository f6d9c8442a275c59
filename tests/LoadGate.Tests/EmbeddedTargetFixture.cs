using LoadHarness.Scenarios.Embedded;

namespace LoadGate.Tests;

/// <summary>The embedded target, started once for the test class and always stopped: PostgreSQL + 200 seeded users + the API.</summary>
public sealed class EmbeddedTargetFixture : IAsyncLifetime
{
    private EmbeddedTarget? target;

    public EmbeddedTarget Target => target ?? throw new InvalidOperationException("the fixture is not initialised");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        target = await EmbeddedTarget.StartAsync(new EmbeddedTargetOptions { SeedUsers = 200 }, timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (target is not null)
        {
            await target.DisposeAsync();
        }
    }
}
