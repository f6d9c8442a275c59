using LoadHarness.Core.Execution;
using LoadHarness.Core.Metrics;

namespace LoadHarness.Core.Scenarios;

/// <summary>
/// The bookkeeping of <see cref="Step.Run"/> without its delegate and async frame: <see cref="Begin"/> before the
/// request, <see cref="End(Response, long)"/> after it. Lets a transport (a protocol client, a database driver) record a
/// step inside its own single async method, so a request costs one state machine instead of three.
/// <para>
/// One clock per request: the step's start (its scheduled start when the open model started it late) and its end are
/// timestamps of the engine's clock, taken once. A transport that judges checks on the duration takes
/// <see cref="Timestamp"/> once when the response is complete, uses <see cref="Elapsed"/> of it, and ends the scope
/// with that same timestamp: the check, the histogram and the timeline see the same duration. Outside the engine
/// (code called directly) it times with the system clock and records nothing.
/// </para>
/// </summary>
public readonly struct StepScope
{
    private readonly ScenarioContext? ctx;
    private readonly StepRecorder? recorder;
    private readonly string? previousStep;
    private readonly TimeProvider? time;
    private readonly long start;

    private StepScope(ScenarioContext? ctx, StepRecorder? recorder, string? previousStep, TimeProvider time, long start)
    {
        this.ctx = ctx;
        this.recorder = recorder;
        this.previousStep = previousStep;
        this.time = time;
        this.start = start;
    }

    /// <summary>Marks the step as running on the VU (timeout watchdog, check attribution) and notes its start.</summary>
    public static StepScope Begin(string name, IScenarioContext context)
    {
        if (context is not ScenarioContext ctx)
        {
            return new StepScope(null, null, null, TimeProvider.System, TimeProvider.System.GetTimestamp());
        }

        var runtime = ctx.Runtime;
        var recorder = ctx.StepRecorderFor(name);
        var now = runtime.Time.GetTimestamp();
        var scheduled = ctx.PendingScheduledStart;
        var start = scheduled != 0 && scheduled < now ? scheduled : now;
        ctx.PendingScheduledStart = 0;
        var previous = ctx.CurrentStep;
        ctx.CurrentStep = name;
        ctx.BeginRequest(now);
        return new StepScope(ctx, recorder, previous, runtime.Time, start);
    }

    /// <summary>Now, on the clock this step is timed by.</summary>
    public long Timestamp() => (time ?? TimeProvider.System).GetTimestamp();

    /// <summary>The step's duration up to <paramref name="end"/> (a <see cref="Timestamp"/>): what the histogram records.</summary>
    public TimeSpan Elapsed(long end) => (time ?? TimeProvider.System).GetElapsedTime(start, end);

    /// <summary>The failed response for an exception thrown by the step's code.</summary>
    public Response Failure(Exception exception) =>
        ctx?.FailureFor(exception) ?? Response.Fail(0, exception.Message, 0, ErrorKinds.ForException(exception));

    /// <summary>Ends the step now.</summary>
    public Response End(Response response) => End(response, Timestamp());

    /// <summary>
    /// Ends the step at <paramref name="end"/> (a <see cref="Timestamp"/> taken once): a fired watchdog turns the outcome
    /// into "timeout"; records it; returns what was recorded.
    /// </summary>
    public Response End(Response response, long end)
    {
        if (ctx is null)
        {
            return response;
        }

        ctx.EndRequest();
        ctx.CurrentStep = previousStep;
        response = ctx.Settle(response);
        ctx.Runtime.Record(recorder!, ctx, start, end, response);
        return response;
    }
}
