namespace LoadHarness.Core.Scenarios;

/// <summary>What an iteration sees: who it is, its per-VU state, and the token that fires at the request timeout or stop.</summary>
public interface IScenarioContext
{
    string ScenarioName { get; }

    /// <summary>The virtual user's number within this process, 0-based and stable for the VU's life.</summary>
    int VuId { get; }

    /// <summary>The iteration number of this VU, 0-based.</summary>
    long IterationNumber { get; }

    /// <summary>Fires when the current request exceeds the scenario's request timeout, or when the run stops.</summary>
    CancellationToken CancellationToken { get; }

    /// <summary>Per-VU state that survives between iterations (e.g. an auth token set by the VU init hook).</summary>
    IDictionary<string, object?> Data { get; }

    /// <summary>A per-VU random generator (not thread-safe; the VU owns it).</summary>
    Random Random { get; }

    /// <summary>A k6-style check: counted apart from failures, attributed to the current step when inside <see cref="Step.Run"/>.</summary>
    void Check(string name, bool passed);
}
