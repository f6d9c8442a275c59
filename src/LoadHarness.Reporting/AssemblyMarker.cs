namespace LoadHarness.Reporting;
internal static class AssemblyMarker { }
