using LoadHarness.Core.Execution;

namespace LoadHarness.Cli.Output;

/// <summary>Shows a run while it goes, from the engine's once-a-second <see cref="RunSnapshot"/>.</summary>
internal interface IRunProgress : IAsyncDisposable
{
    void OnSnapshot(RunSnapshot snapshot);
}
