namespace LoadHarness.Http;
internal static class AssemblyMarker { }
