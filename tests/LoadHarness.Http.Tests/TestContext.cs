using System.Collections.Concurrent;
using LoadHarness.Core.Scenarios;

namespace LoadHarness.Http.Tests;

/// <summary>A scenario context outside the engine: records checks, and its token can fire like the engine's request timeout.</summary>
internal sealed class TestContext : IScenarioContext, IDisposable
{
    private readonly CancellationTokenSource cts;

    public TestContext(TimeSpan? timeout = null)
    {
        cts = timeout is { } t ? new CancellationTokenSource(t) : new CancellationTokenSource();
    }

    public ConcurrentQueue<(string Name, bool Passed)> Checks { get; } = new();

    public string ScenarioName => "test";

    public int VuId => 0;

    public long IterationNumber => 0;

    public CancellationToken CancellationToken => cts.Token;

    public IDictionary<string, object?> Data { get; } = new Dictionary<string, object?>();

    public Random Random { get; } = new(1);

    public void Check(string name, bool passed) => Checks.Enqueue((name, passed));

    public void Dispose() => cts.Dispose();
}
