namespace LoadHarness.Postgres.Local;

/// <summary>Finds the folder holding initdb and pg_ctl.</summary>
internal static class PostgresBinaries
{
    private const string DebianRoot = "/usr/lib/postgresql";

    public static string Find(string? configured)
    {
        var searched = new List<string>();
        if (configured is not null)
        {
            searched.Add(configured);
            return HasServer(configured) ? configured : throw new PostgresBinariesNotFoundException(string.Join(", ", searched));
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            searched.Add(dir);
            var initdb = Path.Combine(dir, "initdb");
            if (File.Exists(initdb))
            {
                // /usr/local/bin/initdb is often a symlink: use the real folder, where postgres lives too.
                var real = Path.GetDirectoryName(new FileInfo(initdb).ResolveLinkTarget(true)?.FullName ?? initdb)!;
                if (HasServer(real))
                {
                    return real;
                }
            }
        }

        searched.Add(DebianRoot + "/<version>/bin");
        if (Directory.Exists(DebianRoot))
        {
            var newest = Directory.GetDirectories(DebianRoot)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: double.TryParse(Path.GetFileName(d), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(x => x.Version >= 0 && HasServer(x.Dir))
                .OrderByDescending(x => x.Version)
                .FirstOrDefault();
            if (newest.Dir is not null)
            {
                return newest.Dir;
            }
        }

        throw new PostgresBinariesNotFoundException(string.Join(", ", searched));
    }

    private static bool HasServer(string dir) =>
        File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "postgres"));
}
