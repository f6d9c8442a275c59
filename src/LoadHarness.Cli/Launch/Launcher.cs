using System.Runtime.InteropServices;
using LoadHarness.Http;

namespace LoadHarness.Cli.Launch;

/// <summary>
/// The process entry: re-executes with the socket settings when <c>--inline-socket-completions</c> asks for them,
/// turns Ctrl+C / SIGTERM into cancellation (the run stops and writes its partial result, exit 130), then runs
/// <see cref="CliApp"/> on the real console.
/// </summary>
internal static class Launcher
{
    public static async Task<int> MainAsync(string[] args)
    {
        if (SocketSettingsRelauncher.IsWanted(args) && !SocketSettingsRelauncher.IsApplied())
        {
            return await SocketSettingsRelauncher.RelaunchAsync(args).ConfigureAwait(false);
        }

        // Every connection is a file descriptor: lift the soft limit to the hard one before any target is created.
        OpenFileLimit.Raise();
        using var stop = new CancellationTokenSource();
        var signals = 0;
        void OnSignal(PosixSignalContext context)
        {
            // The first signal stops the run gracefully (bounded by GracefulStop); a second one (a CI runner's SIGTERM after
            // a Ctrl+C, an impatient user) must not cost the partial result: it is said and ignored. A third ends the
            // process the default way, without a result.
            var count = Interlocked.Increment(ref signals);
            if (count == 1)
            {
                context.Cancel = true;
                Console.Error.WriteLine("stopping: letting in-flight iterations finish (GracefulStop), then writing the partial result...");
                // The cancellation's callbacks run on the thread pool, not here: the signal thread stays free to hear (and
                // say it ignores) a second signal while the run stops (seen on a busy machine: the second was handled only
                // after the process had stopped, so it was never said).
                _ = stop.CancelAsync();
            }
            else if (count == 2)
            {
                context.Cancel = true;
                Console.Error.WriteLine("already stopping: the partial result is being written (a third signal ends the process without it)");
            }
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        var isTerminal = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null;
        return await CliApp.RunAsync(args, Console.Out, Console.Error, stop.Token, isTerminal).ConfigureAwait(false);
    }
}
