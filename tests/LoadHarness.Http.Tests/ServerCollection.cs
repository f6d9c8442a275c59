namespace LoadHarness.Http.Tests;

/// <summary>One loopback Kestrel (LoadHarness.Testing's <see cref="LoopbackServer"/>) shared by the tests of this collection.</summary>
[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<LoopbackServer>
{
    public const string Name = "kestrel";
}
