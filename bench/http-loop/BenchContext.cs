using LoadHarness.Core.Scenarios;

namespace LoadHarness.Bench.HttpLoop;

/// <summary>A VU outside the engine: the HTTP path alone, without recording.</summary>
internal sealed class BenchContext(int vuId, CancellationToken token) : IScenarioContext
{
    public string ScenarioName => "http-loop";

    public int VuId { get; } = vuId;

    public long IterationNumber => 0;

    public CancellationToken CancellationToken { get; } = token;

    public IDictionary<string, object?> Data { get; } = new Dictionary<string, object?>();

    public Random Random { get; } = new(vuId);

    public long ChecksPassed { get; private set; }

    public void Check(string name, bool passed) => ChecksPassed += passed ? 1 : 0;
}
