using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using LoadHarness.Core.Load;
using LoadHarness.Core.Metrics;
using LoadHarness.Core.Results;
using LoadHarness.Core.Scenarios;

namespace LoadHarness.Core.Execution;

/// <summary>
/// The live state of one scenario during a run: its recorders, iteration counters and checks. Drivers and
/// <see cref="Step.Run"/> write into it; the scenario's control loop collects it every second.
/// </summary>
internal sealed class ScenarioRuntime
{
    private readonly ConcurrentDictionary<string, StepRecorder> steps = new(StringComparer.Ordinal);
    private readonly List<StepRecorder> stepOrder = [];
    private readonly ThreadLocal<IterationCounters> counters = new(() => new IterationCounters(), trackAllValues: true);
    private readonly double microsPerTick;
    private long recordingSince = long.MaxValue;
    private long dropped;
    private int activeVUs;

    public ScenarioRuntime(ScenarioDefinition definition, LoadPlan plan, TimeProvider time)
    {
        Definition = definition;
        Plan = plan;
        Time = time;
        microsPerTick = 1_000_000.0 / time.TimestampFrequency;
        Iterations = new StepRecorder(definition.Name);
        StartLateness = plan.Model == LoadModel.Open ? new LatenessRecorder() : null;
    }

    public string Name => Definition.Name;

    public ScenarioDefinition Definition { get; }

    public LoadPlan Plan { get; }

    public TimeProvider Time { get; }

    /// <summary>Whole iterations, recorded under the scenario's name.</summary>
    public StepRecorder Iterations { get; }

    public CheckCounters Checks { get; } = new();

    /// <summary>Open model: actual start − scheduled start of every recorded iteration; null for the closed model.</summary>
    public LatenessRecorder? StartLateness { get; }

    public int ActiveVUs => Volatile.Read(ref activeVUs);

    public int PeakVUs { get; private set; }

    public long Dropped => Volatile.Read(ref dropped);

    public IReadOnlyList<StepRecorder> Steps
    {
        get
        {
            lock (stepOrder)
            {
                return stepOrder.ToArray();
            }
        }
    }

    /// <summary>Samples of iterations/steps that started at or after this timestamp are recorded (warm-up excluded).</summary>
    public void StartRecording(long timestamp)
    {
        Volatile.Write(ref recordingSince, timestamp);
        Checks.Enabled = true;
    }

    public bool IsRecording(long startTimestamp) => startTimestamp >= Volatile.Read(ref recordingSince);

    public StepRecorder GetStep(string name)
    {
        if (steps.TryGetValue(name, out var recorder))
        {
            return recorder;
        }

        lock (stepOrder)
        {
            if (!steps.TryGetValue(name, out recorder))
            {
                recorder = new StepRecorder(name);
                stepOrder.Add(recorder);
                steps[name] = recorder;
            }

            return recorder;
        }
    }

    /// <summary>Records one request or iteration that started at <paramref name="start"/> (a timestamp), ending now.</summary>
    public void Record(StepRecorder recorder, ScenarioContext ctx, long start, in Response response) =>
        Record(recorder, ctx, start, Time.GetTimestamp(), response);

    /// <summary>Records a sample timed from <paramref name="start"/> to <paramref name="end"/> (timestamps of <see cref="Time"/>).</summary>
    public void Record(StepRecorder recorder, ScenarioContext ctx, long start, long end, in Response response)
    {
        if (!IsRecording(start))
        {
            return;
        }

        if (ctx.Interrupted)
        {
            if (!ctx.IsUnansweredAtInterrupt(start))
            {
                return;
            }

            RecordOutcome(recorder, start, end, Unanswered(start, end, response));
            return;
        }

        RecordOutcome(recorder, start, end, response);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RecordOutcome(StepRecorder recorder, long start, long end, in Response response)
    {
        var micros = (long)((end - start) * microsPerTick);
        if (response.IsOk)
        {
            recorder.RecordOk(micros, response.StatusCode, response.SizeBytes);
        }
        else
        {
            recorder.RecordFail(micros, response.StatusCode, response.SizeBytes, response.ErrorKind ?? ErrorKinds.Error, response.Error);
        }
    }

    /// <summary>The failure recorded for a request interrupted after waiting the whole GracefulStop for its answer.</summary>
    private Response Unanswered(long start, long end, in Response response)
    {
        var waited = (end - start) * microsPerTick / 1000.0;
        var grace = Definition.GracefulStop.TotalSeconds;
        return Response.Fail(
            response.StatusCode,
            string.Create(CultureInfo.InvariantCulture, $"no answer after {waited:N0} ms: still waiting when its VU's GracefulStop ({grace:0.###} s) ran out, so it was interrupted"),
            response.SizeBytes,
            ErrorKinds.Interrupted);
    }

    public void IterationStarted(long start)
    {
        if (IsRecording(start))
        {
            counters.Value!.Started++;
        }
    }

    /// <summary>Open model: records how late an iteration due at <paramref name="scheduled"/> started at <paramref name="start"/>.</summary>
    public void IterationStartedLate(long scheduled, long start)
    {
        if (StartLateness is { } lateness && IsRecording(scheduled))
        {
            lateness.Record((long)((start - scheduled) * microsPerTick));
        }
    }

    public void IterationCompleted(long start)
    {
        if (IsRecording(start))
        {
            counters.Value!.Completed++;
        }
    }

    public void IterationDropped(long scheduled)
    {
        if (IsRecording(scheduled))
        {
            Interlocked.Increment(ref dropped);
        }
    }

    public void VuBusy()
    {
        var now = Interlocked.Increment(ref activeVUs);
        if (now > PeakVUs)
        {
            PeakVUs = now;
        }
    }

    public void VuIdle() => Interlocked.Decrement(ref activeVUs);

    public (long Started, long Completed) IterationTotals()
    {
        long started = 0, completed = 0;
        foreach (var c in counters.Values)
        {
            started += Volatile.Read(ref c.Started);
            completed += Volatile.Read(ref c.Completed);
        }

        return (started, completed);
    }

    /// <summary>Failures so far over every step (and iterations when there are no steps).</summary>
    public long FailuresLive()
    {
        var stepList = Steps;
        return stepList.Count == 0 ? Iterations.FailCountLive() : stepList.Sum(s => s.FailCountLive());
    }

    private sealed class IterationCounters
    {
        public long Started;
        public long Completed;
    }
}
