namespace LoadHarness.Scenarios.Tests;

/// <summary>One embedded target (LoadHarness.Testing's fixture) for every test of this collection.</summary>
[CollectionDefinition(Name)]
public sealed class EmbeddedCollection : ICollectionFixture<EmbeddedTargetFixture>
{
    public const string Name = "embedded target";
}
