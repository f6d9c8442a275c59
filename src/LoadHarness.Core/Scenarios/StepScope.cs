using LoadHarness.Core.Execution;
using LoadHarness.Core.Metrics;

namespace LoadHarness.Core.Scenarios;

/// <summary>
/// The bookkeeping of <see cref="Step.Run"/> without its delegate and async frame: <see cref="Begin"/> before the
/// request, <see cref="End"/> after it. Lets a transport (LoadHarness.Http) record a step inside its own single
/// async method, so a request costs one state machine instead of three. Outside the engine it records nothing.
/// </summary>
internal readonly struct StepScope
{
    private readonly ScenarioContext? ctx;
    private readonly StepRecorder? recorder;
    private readonly string? previousStep;
    private readonly long start;

    private StepScope(ScenarioContext ctx, StepRecorder recorder, string? previousStep, long start)
    {
        this.ctx = ctx;
        this.recorder = recorder;
        this.previousStep = previousStep;
        this.start = start;
    }

    /// <summary>Marks the step as running on the VU (timeout watchdog, check attribution) and notes its start.</summary>
    public static StepScope Begin(string name, IScenarioContext context)
    {
        if (context is not ScenarioContext ctx)
        {
            return default;
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
        return new StepScope(ctx, recorder, previous, start);
    }

    /// <summary>The failed response for an exception thrown by the step's code.</summary>
    public Response Failure(Exception exception) =>
        ctx?.FailureFor(exception) ?? Response.Fail(0, exception.Message, 0, ErrorKinds.ForException(exception));

    /// <summary>Ends the step: a fired watchdog turns the outcome into "timeout"; records it; returns what was recorded.</summary>
    public Response End(Response response)
    {
        if (ctx is null)
        {
            return response;
        }

        ctx.EndRequest();
        ctx.CurrentStep = previousStep;
        response = ctx.Settle(response);
        ctx.Runtime.Record(recorder!, ctx, start, response);
        return response;
    }
}
