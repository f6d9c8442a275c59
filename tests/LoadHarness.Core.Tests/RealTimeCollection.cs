namespace LoadHarness.Core.Tests;

/// <summary>Tests that measure real time run in this collection: alone, after every parallel test has finished.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTimeCollection
{
    public const string Name = "real time";
}
