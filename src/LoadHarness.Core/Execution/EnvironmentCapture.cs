using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using LoadHarness.Core.Results;

namespace LoadHarness.Core.Execution;

/// <summary>Captures where a run happened. Never throws: a missing git gives a null commit.</summary>
public static class EnvironmentCapture
{
    /// <param name="gitCommit">False leaves <see cref="EnvironmentInfo.GitCommit"/> null, for a caller that runs
    /// <see cref="GitCommit"/> (a child process) off the path to the first request.</param>
    public static EnvironmentInfo Capture(string? workingDirectory = null, bool gitCommit = true) => new()
    {
        MachineName = Environment.MachineName,
        ProcessorCount = Environment.ProcessorCount,
        OsDescription = RuntimeInformation.OSDescription,
        DotnetVersion = RuntimeInformation.FrameworkDescription,
        HarnessVersion = HarnessVersion(),
        GitCommit = gitCommit ? GitCommit(workingDirectory ?? Directory.GetCurrentDirectory()) : null,
    };

    public static string HarnessVersion() =>
        typeof(EnvironmentCapture).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(EnvironmentCapture).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";

    /// <summary><c>git rev-parse HEAD</c> in <paramref name="directory"/>, or null (no git, not a repository, timeout).</summary>
    public static string? GitCommit(string directory)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("git", ["rev-parse", "HEAD"])
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            if (!process.WaitForExit(5000))
            {
                process.Kill();
                return null;
            }

            return process.ExitCode == 0 && output.Length >= 7 ? output : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }
}
