namespace LoadHarness.Scenarios;
internal static class AssemblyMarker { }
