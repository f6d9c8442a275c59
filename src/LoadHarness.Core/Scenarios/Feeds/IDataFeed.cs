using LoadHarness.Core.Scenarios;

namespace LoadHarness.Core.Scenarios.Feeds;

/// <summary>A source of test data for iterations: <c>var user = feed.Next(ctx);</c>. Thread-safe.</summary>
public interface IDataFeed<out T>
{
    T Next(IScenarioContext context);
}
