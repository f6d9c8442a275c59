using System.Runtime.CompilerServices;
using LoadHarness.Core.Scenarios;

namespace LoadHarness.Core.Execution;

/// <summary>Runs one iteration on a VU's context and records it under the scenario's name (both models).</summary>
internal static class IterationRunner
{
    /// <param name="start">When the iteration starts now (timestamp).</param>
    /// <param name="scheduled">Open model: when it was due (latency counts from here); 0 for the closed model.</param>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask RunAsync(ScenarioRuntime runtime, ScenarioContext ctx, long start, long scheduled)
    {
        var measuredFrom = scheduled != 0 && scheduled < start ? scheduled : start;
        runtime.IterationStarted(measuredFrom);
        ctx.PendingScheduledStart = scheduled;
        ctx.BeginRequest(start);
        Response response;
        try
        {
            var definition = runtime.Definition;
            response = definition.RunValue is { } pooled
                ? await pooled(ctx).ConfigureAwait(false)
                : await definition.Run(ctx).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            response = ctx.FailureFor(e);
        }

        ctx.EndRequest();
        ctx.PendingScheduledStart = 0;
        response = ctx.Settle(response);
        runtime.Record(runtime.Iterations, ctx, measuredFrom, response);
        if (!ctx.Interrupted)
        {
            runtime.IterationCompleted(measuredFrom);
        }

        ctx.IterationNumber++;
    }

    /// <summary>Runs the scenario's per-VU init hook once; its failure is not recorded (the VU still runs).</summary>
    public static async ValueTask InitVuAsync(ScenarioRuntime runtime, ScenarioContext ctx)
    {
        if (runtime.Definition.VuInit is not { } init)
        {
            return;
        }

        try
        {
            await init(ctx).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ctx.Data["vuInitError"] = e.Message;
        }
    }
}
