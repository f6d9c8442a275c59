using System.Runtime.InteropServices;

namespace LoadHarness.Http;

/// <summary>
/// The process's open-file limit (RLIMIT_NOFILE), which bounds how many sockets a run can hold. Every connection is a
/// file descriptor: a closed-model run with more VUs in flight than the limit allows would fail with "Too many open
/// files" (EMFILE) instead of measuring the target. <see cref="Raise"/> lifts the soft limit to the hard one (what Go
/// programs such as k6 do at start); <see cref="DefaultMaxConnections"/> keeps the shared handler's pool under it, so
/// excess requests wait for a connection (their wait counts in their latency) instead of failing.
/// </summary>
public static class OpenFileLimit
{
    /// <summary>Descriptors left for everything that is not a target connection (database pools, reports, the runtime).</summary>
    public const int Reserve = 1024;

    private const int RlimitNofile = 7; // Linux (x64 and arm64)

    /// <summary>The soft limit now; null where it cannot be read (not Linux).</summary>
    public static long? Current => TryGet(out var soft, out _) ? soft : null;

    /// <summary>
    /// Connections one target (origin) may open by default: the soft limit less <see cref="Reserve"/>, at least 64;
    /// unlimited where the limit cannot be read. Read when the first target is created, so call <see cref="Raise"/> first.
    /// </summary>
    public static int DefaultMaxConnections => Current is { } soft && soft < int.MaxValue
        ? (int)Math.Max(64, soft - Reserve)
        : int.MaxValue;

    /// <summary>Raises the soft limit to the hard limit; returns the soft limit in force afterwards (null: not Linux).</summary>
    public static long? Raise()
    {
        if (!TryGet(out var soft, out var hard))
        {
            return null;
        }

        if (soft < hard)
        {
            var limit = new RLimit { Current = (ulong)hard, Maximum = (ulong)hard };
            if (SetRLimit(RlimitNofile, ref limit) == 0)
            {
                return hard;
            }
        }

        return soft;
    }

    private static bool TryGet(out long soft, out long hard)
    {
        soft = hard = 0;
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            if (GetRLimit(RlimitNofile, out var limit) != 0)
            {
                return false;
            }

            soft = limit.Current > long.MaxValue ? long.MaxValue : (long)limit.Current;
            hard = limit.Maximum > long.MaxValue ? long.MaxValue : (long)limit.Maximum;
            return true;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "getrlimit")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetRLimit(int resource, out RLimit limit);

    [DllImport("libc", EntryPoint = "setrlimit")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetRLimit(int resource, ref RLimit limit);

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }
}
