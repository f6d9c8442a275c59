namespace LoadHarness.Core.Execution;

/// <summary>
/// The thread pool's minimum for a run: at least <see cref="Environment.ProcessorCount"/> + <see cref="Spare"/> worker
/// threads, so that a few pool threads blocked outside the harness's control (a test host's message loop and its
/// runner, a synchronous wait in a user's scenario or driver) never leave the generator fewer threads than cores.
/// Below its minimum the pool creates a thread as soon as work waits; above it, it adds about one per 0.5 s. Measured:
/// an open-model run inside <c>dotnet test</c> (2 cores; vstest and xUnit hold 2 of the pool's 3 threads) started its
/// arrivals 310–790 ms late in 6 of 7 runs with the default minimum of 2, and 1.1 ms late (p95) in 10 of 10 with 4 or 8.
/// Threads are only created when work waits for one; the floor is only ever raised, never lowered.
/// </summary>
public static class ThreadPoolFloor
{
    /// <summary>Worker threads over the core count.</summary>
    public const int Spare = 4;

    /// <summary>The floor on this machine.</summary>
    public static int Workers => Environment.ProcessorCount + Spare;

    /// <summary>Raises the pool's minimum worker threads to <see cref="Workers"/> when lower; returns the minimum now in force.</summary>
    public static int Ensure()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        if (workers >= Workers)
        {
            return workers;
        }

        ThreadPool.SetMinThreads(Workers, completionPorts);
        return Workers;
    }
}
