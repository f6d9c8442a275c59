using LoadHarness.Core.Execution;
using LoadHarness.Core.Metrics;

namespace LoadHarness.Core.Scenarios;

/// <summary>
/// The engine's <see cref="IScenarioContext"/>: one per VU, reused for every iteration of that VU. Holds the
/// VU's cancellation source (replaced only after it fired), the start of the current request for the timeout
/// watchdog, and the open model's scheduled start.
/// </summary>
internal sealed class ScenarioContext : IScenarioContext
{
    private CancellationTokenSource cts = new();
    private Dictionary<string, object?>? data;
    private Random? random;
    private long requestStart;
    private string? lastStepName;
    private StepRecorder? lastStepRecorder;
    private int timedOut;
    private long unansweredSince;

    public ScenarioContext(ScenarioRuntime runtime, int vuId)
    {
        Runtime = runtime;
        VuId = vuId;
    }

    public ScenarioRuntime Runtime { get; }

    public string ScenarioName => Runtime.Name;

    public int VuId { get; }

    public long IterationNumber { get; internal set; }

    public CancellationToken CancellationToken => cts.Token;

    public IDictionary<string, object?> Data => data ??= new Dictionary<string, object?>(StringComparer.Ordinal);

    public Random Random => random ??= new Random(HashCode.Combine(Runtime.Name, VuId));

    /// <summary>The step currently running on this VU (checks are attributed to it).</summary>
    internal string? CurrentStep { get; set; }

    /// <summary>Open model: the iteration's scheduled start, used by the first step so latency includes any start delay.</summary>
    internal long PendingScheduledStart { get; set; }

    /// <summary>Set when the VU was stopped (graceful stop elapsed, run interrupted): its samples are not recorded.</summary>
    internal bool Interrupted { get; private set; }

    internal bool TimedOut => Volatile.Read(ref timedOut) != 0;

    /// <summary>The recorder of a step, remembered for the last name used (a VU usually repeats its steps): no lookup per request.</summary>
    internal StepRecorder StepRecorderFor(string name)
    {
        if (ReferenceEquals(name, lastStepName))
        {
            return lastStepRecorder!;
        }

        var recorder = Runtime.GetStep(name);
        lastStepName = name;
        lastStepRecorder = recorder;
        return recorder;
    }

    public void Check(string name, bool passed) => Runtime.Checks.Record(CurrentStep, name, passed);

    /// <summary>Marks the start of a request (step, or the iteration when it has no steps) for the timeout watchdog.</summary>
    internal void BeginRequest(long timestamp) => Volatile.Write(ref requestStart, timestamp);

    internal void EndRequest() => Volatile.Write(ref requestStart, 0);

    /// <summary>Watchdog: fires the token when the current request has run longer than the timeout.</summary>
    internal void CheckTimeout(long now, long timeoutTicks)
    {
        var start = Volatile.Read(ref requestStart);
        if (start != 0 && now - start > timeoutTicks && Interlocked.Exchange(ref timedOut, 1) == 0)
        {
            cts.Cancel();
        }
    }

    /// <summary>
    /// Stops the VU's current work (hard stop after the graceful period). A request that had been waiting for its
    /// answer for the whole GracefulStop is remembered: its sample is recorded as an <see cref="ErrorKinds.Interrupted"/>
    /// failure (<see cref="IsUnansweredAtInterrupt"/>), not dropped, so a server that hangs cannot look like no traffic.
    /// </summary>
    internal void Interrupt()
    {
        var start = Volatile.Read(ref requestStart);
        var grace = Runtime.Definition.GracefulStop;
        if (start != 0 && grace > TimeSpan.Zero && Runtime.Time.GetElapsedTime(start) >= grace)
        {
            Volatile.Write(ref unansweredSince, start);
        }

        Interrupted = true;
        try
        {
            cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>
    /// Whether a sample that started at <paramref name="start"/> on this interrupted VU covers the request that had no
    /// answer for the whole GracefulStop (that request's step, or the iteration around it); a step begun after the
    /// interrupt does not.
    /// </summary>
    internal bool IsUnansweredAtInterrupt(long start)
    {
        var since = Volatile.Read(ref unansweredSince);
        return since != 0 && start <= since;
    }

    /// <summary>Turns the outcome into a "timeout" failure when the watchdog fired during this request; re-arms the token.</summary>
    internal Response Settle(Response response)
    {
        if (Volatile.Read(ref timedOut) != 0)
        {
            response = Response.Fail(0, "request timed out", response.SizeBytes, ErrorKinds.Timeout);
            Volatile.Write(ref timedOut, 0);
            if (!Interrupted)
            {
                cts.Dispose();
                cts = new CancellationTokenSource();
            }
        }

        return response;
    }

    /// <summary>A failed response for an exception in user code (never stops the run).</summary>
    internal Response FailureFor(Exception exception) =>
        Response.Fail(0, exception.Message, 0, TimedOut && exception is OperationCanceledException ? ErrorKinds.Timeout : ErrorKinds.ForException(exception));

    /// <summary>Readies the VU for another life after it was stopped (closed model ramping up again).</summary>
    internal void Revive()
    {
        if (cts.IsCancellationRequested)
        {
            cts.Dispose();
            cts = new CancellationTokenSource();
        }

        Interrupted = false;
        Volatile.Write(ref timedOut, 0);
        Volatile.Write(ref unansweredSince, 0);
    }
}
