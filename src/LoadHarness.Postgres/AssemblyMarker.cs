namespace LoadHarness.Postgres;
internal static class AssemblyMarker { }
