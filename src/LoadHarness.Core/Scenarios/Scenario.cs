namespace LoadHarness.Core.Scenarios;

/// <summary>Entry point: <c>Scenario.Create("name", async ctx => ...)</c>.</summary>
public static class Scenario
{
    public static ScenarioDefinition Create(string name, Func<IScenarioContext, Task<Response>> run)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(run);
        return new ScenarioDefinition(name, run);
    }

    /// <summary>
    /// A scenario whose iteration returns a <see cref="ValueTask{TResult}"/> (typically from a method built with
    /// <c>PoolingAsyncValueTaskMethodBuilder</c>): the engine awaits it without a Task per iteration. A name of its own:
    /// an overload of Create would make <c>Create("x", async ctx => ...)</c> ambiguous.
    /// </summary>
    public static ScenarioDefinition CreatePooled(string name, Func<IScenarioContext, ValueTask<Response>> run)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(run);
        return new ScenarioDefinition(name, ctx => run(ctx).AsTask()) { RunValue = run };
    }
}
