using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.InteropServices;

namespace LoadHarness.Cli.Launch;

/// <summary>
/// <c>--inline-socket-completions</c>: the runtime reads DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS and
/// DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT once, when its socket engine starts, so they cannot be set from inside a
/// running process. The launcher starts itself again with both set (same arguments, same console), forwards
/// SIGINT/SIGTERM to the child and returns the child's exit code.
/// </summary>
internal static class SocketSettingsRelauncher
{
    public const string Flag = "--inline-socket-completions";
    public const string InlineVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
    public const string ThreadCountVariable = "DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT";

    public static bool IsWanted(IEnumerable<string> args) => args.Contains(Flag, StringComparer.Ordinal);

    public static bool IsApplied() => Environment.GetEnvironmentVariable(InlineVariable) == "1";

    [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "Read only under the dotnet host, which runs loadharness.dll from a file; a Native AOT or apphost loadharness relaunches itself.")]
    public static async Task<int> RelaunchAsync(string[] args)
    {
        var start = new ProcessStartInfo { UseShellExecute = false };
        var host = Environment.ProcessPath ?? "dotnet";
        start.FileName = host;
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[InlineVariable] = "1";
        start.Environment[ThreadCountVariable] = "1";
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"could not start {host}");
        void Forward(PosixSignalContext context)
        {
            context.Cancel = true; // the child decides; the parent waits for its exit code
            if (context.Signal == PosixSignal.SIGTERM && !OperatingSystem.IsWindows())
            {
                _ = Kill(child.Id, 15);
            }
        }

        // Ctrl+C reaches the whole foreground process group (the child too); SIGTERM is sent to the parent only.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Forward);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Forward);
        await child.WaitForExitAsync().ConfigureAwait(false);
        return child.ExitCode;
    }

    [DllImport("libc", EntryPoint = "kill")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
