using LoadHarness.Core.Scenarios;

namespace LoadHarness.Scenarios.Catalog;

/// <summary>
/// A scenario known by name (e.g. <c>api_profile</c>, <c>db_unread_count</c>). <see cref="Build"/> returns the
/// scenario's code with its defaults (think time, checks, default thresholds); the config's load
/// simulations, stages, thresholds and timings are applied over it by the command.
/// </summary>
public sealed record ScenarioDescriptor(
    string Name,
    string Description,
    ScenarioRequirements Requires,
    Func<ScenarioBuildContext, ScenarioDefinition> Build);
