using System.Diagnostics;
using LoadHarness.Cli.Tests.Fixtures;

namespace LoadHarness.Cli.Tests.NativeAot;

/// <summary>
/// The Native AOT <c>loadharness</c> that <c>dotnet publish src/LoadHarness.Cli -c Release</c> makes, published once per
/// test run from a copy of the sources (the repository's own bin/obj folders stay the tests' build). Set
/// LOADHARNESS_AOT_BIN to test a binary published already. Publishing needs clang: test.sh installs it.
/// </summary>
public sealed class NativeAotBuild : IAsyncLifetime
{
    private readonly TempFolder temp = new();

    public string Executable { get; private set; } = "";

    public string PublishLog { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("LOADHARNESS_AOT_BIN") is { Length: > 0 } given)
        {
            Executable = Path.GetFullPath(given);
            return;
        }

        var root = RepositoryRoot();
        var copy = temp.File("src");
        foreach (var folder in new[] { "src", "scenarios", "samples" })
        {
            CopySources(Path.Combine(root, folder), Path.Combine(copy, folder));
        }

        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", "README.md", "LICENSE" })
        {
            if (File.Exists(Path.Combine(root, file)))
            {
                File.Copy(Path.Combine(root, file), Path.Combine(copy, file));
            }
        }

        var output = temp.File("aot");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = copy };
        foreach (var arg in new[] { "publish", Path.Combine(copy, "src", "LoadHarness.Cli"), "-c", "Release", "-o", output, "-p:LoadHarnessAot=true", "-nologo", "-v", "q" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(patience.Token);
        PublishLog = await stdout + await stderr;
        Executable = Path.Combine(output, "loadharness");
        if (process.ExitCode != 0 || !File.Exists(Executable))
        {
            throw new InvalidOperationException($"dotnet publish -p:LoadHarnessAot=true exited {process.ExitCode} (clang installed? test.sh installs it)\n{PublishLog}");
        }
    }

    public Task DisposeAsync()
    {
        temp.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Runs the published executable; its output and exit code, within <paramref name="timeout"/>.</summary>
    public async Task<CliOutcome> RunAsync(TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var started = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"loadharness {string.Join(' ', args)} ran longer than {timeout}\n{await stdout}\n{await stderr}");
        }

        return new CliOutcome(process.ExitCode, await stdout, await stderr, started.Elapsed);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LoadHarness.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no LoadHarness.sln above {AppContext.BaseDirectory}");
    }

    private static void CopySources(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.EnumerateDirectories(from))
        {
            if (Path.GetFileName(dir) is not ("bin" or "obj" or "TestResults"))
            {
                CopySources(dir, Path.Combine(to, Path.GetFileName(dir)));
            }
        }
    }
}
