using System.Reflection;

namespace LoadHarness.Cli.Embedded;

/// <summary>
/// Finds samples/TargetApi's TargetApi.dll: <c>LOADHARNESS_TARGETAPI_DLL</c>, then <c>targetapi/</c> beside the
/// running app (the build copies it there), then the folder it was built in, then up from the app's folder to the
/// repository's samples/TargetApi/bin/&lt;Release|Debug&gt;/net10.0.
/// </summary>
public static class TargetApiLocator
{
    public const string EnvironmentVariable = "LOADHARNESS_TARGETAPI_DLL";

    private const string DllName = "TargetApi.dll";

    public static string Locate()
    {
        var candidates = Candidates().ToArray();
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                $"{DllName} of samples/TargetApi was not found (build the solution, or set {EnvironmentVariable}). Looked at:\n  "
                + string.Join("\n  ", candidates));
    }

    private static IEnumerable<string> Candidates()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } overridden)
        {
            yield return Path.GetFullPath(overridden);
            yield break;
        }

        yield return Path.Combine(AppContext.BaseDirectory, "targetapi", DllName);
        var built = typeof(TargetApiLocator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "TargetApiOutputDir")?.Value;
        if (!string.IsNullOrEmpty(built))
        {
            yield return Path.Combine(built, DllName);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var bin = Path.Combine(dir.FullName, "samples", "TargetApi", "bin");
            if (Directory.Exists(bin))
            {
                foreach (var configuration in new[] { "Release", "Debug" })
                {
                    yield return Path.Combine(bin, configuration, "net10.0", DllName);
                }

                yield break;
            }
        }
    }
}
