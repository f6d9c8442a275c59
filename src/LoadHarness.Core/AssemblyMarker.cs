namespace LoadHarness.Core;
internal static class AssemblyMarker { }
