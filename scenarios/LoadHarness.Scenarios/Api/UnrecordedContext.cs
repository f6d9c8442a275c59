using LoadHarness.Core.Scenarios;

namespace LoadHarness.Scenarios.Api;

/// <summary>
/// The VU's context with recording off: steps run through it (e.g. the login of a VU init hook) are not measured and
/// its checks are not counted, while the VU's <see cref="IScenarioContext.Data"/> (its HTTP state) is shared.
/// </summary>
internal sealed class UnrecordedContext(IScenarioContext inner) : IScenarioContext
{
    public string ScenarioName => inner.ScenarioName;

    public int VuId => inner.VuId;

    public long IterationNumber => inner.IterationNumber;

    public CancellationToken CancellationToken => inner.CancellationToken;

    public IDictionary<string, object?> Data => inner.Data;

    public Random Random => inner.Random;

    public void Check(string name, bool passed)
    {
    }
}
