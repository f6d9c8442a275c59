using System.Globalization;

namespace LoadHarness.Postgres.Local;

/// <summary>Removes clusters left behind by runs that were killed: folders named &lt;pid&gt;-&lt;guid&gt; whose pid is gone.</summary>
internal static class StaleClusters
{
    public static async Task CleanAsync(string root, string binDirectory, CancellationToken ct)
    {
        if (!Directory.Exists(root))
        {
            return;
        }

        foreach (var folder in Directory.GetDirectories(root))
        {
            var name = Path.GetFileName(folder);
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0 || !int.TryParse(name.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || IsAlive(pid))
            {
                continue;
            }

            await StopServerAsync(Path.Combine(folder, LocalPostgres.DataFolderName), binDirectory, ct).ConfigureAwait(false);
            TryDelete(folder);
            TryDelete(LocalPostgres.SocketFolder(folder));
        }
    }

    public static async Task StopServerAsync(string dataDirectory, string binDirectory, CancellationToken ct)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return;
        }

        try
        {
            await OsCommand.RunAsPostgresAsync(Path.Combine(binDirectory, "pg_ctl"), ["stop", "-D", dataDirectory, "-m", "fast", "-w", "-t", "20"],
                TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            // pg_ctl could not stop it: kill the postmaster named in its pid file.
            if (File.Exists(pidFile)
                && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var postmaster)
                && IsAlive(postmaster))
            {
                using var process = System.Diagnostics.Process.GetProcessById(postmaster);
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(ct).ConfigureAwait(false);
            }
        }
    }

    public static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static bool IsAlive(int pid) => OperatingSystem.IsLinux() ? Directory.Exists($"/proc/{pid}") : ProcessExists(pid);

    private static bool ProcessExists(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
