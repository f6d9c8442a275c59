using System.Diagnostics;
using System.Text;

namespace LoadHarness.Postgres.Local;

/// <summary>Runs a short command to completion, as the postgres OS user when this process is root.</summary>
internal static class OsCommand
{
    public const string PostgresUser = "postgres";

    public static bool RunsAsRoot => OperatingSystem.IsLinux() && Environment.IsPrivilegedProcess;

    public static async Task<string> RunAsPostgresAsync(string executable, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        if (!RunsAsRoot)
        {
            return await RunAsync(executable, arguments, timeout, ct).ConfigureAwait(false);
        }

        // initdb and postgres refuse to run as root.
        return await RunAsync("runuser", ["-u", PostgresUser, "--", executable, .. arguments], timeout, ct).ConfigureAwait(false);
    }

    public static async Task<string> RunAsync(string executable, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        var info = new ProcessStartInfo(executable)
        {
            WorkingDirectory = "/",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutCts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} {string.Join(' ', info.ArgumentList)} did not finish within {timeout.TotalSeconds:0} s.");
        }

        output.Append(await stdout.ConfigureAwait(false)).Append(await stderr.ConfigureAwait(false));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{executable} {string.Join(' ', info.ArgumentList)} exited with code {process.ExitCode}: {output.ToString().Trim()}");
        }

        return output.ToString();
    }

    /// <summary>Creates the postgres system user when missing (root only).</summary>
    public static async Task EnsurePostgresUserAsync(CancellationToken ct)
    {
        try
        {
            await RunAsync("id", ["-u", PostgresUser], TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            await RunAsync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", PostgresUser],
                TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
        }
    }

    /// <summary>Hands a folder to the postgres user (root only).</summary>
    public static Task ChownToPostgresAsync(string path, CancellationToken ct) =>
        RunAsync("chown", ["-R", PostgresUser + ":", path], TimeSpan.FromSeconds(30), ct);
}
