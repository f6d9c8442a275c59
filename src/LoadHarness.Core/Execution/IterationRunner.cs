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
        var measuredFrom = Begin(runtime, ctx, start, scheduled);
        Response response;
        try
        {
            response = await Start(runtime, ctx).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            response = ctx.FailureFor(e);
        }

        End(runtime, ctx, measuredFrom, response);
    }

    /// <summary>
    /// The bookkeeping before an iteration (<see cref="RunAsync"/> without its frame, for a VU loop that awaits
    /// <see cref="Start"/> itself); returns the timestamp its latency counts from.
    /// </summary>
    public static long Begin(ScenarioRuntime runtime, ScenarioContext ctx, long start, long scheduled)
    {
        var measuredFrom = scheduled != 0 && scheduled < start ? scheduled : start;
        runtime.IterationStarted(measuredFrom);
        ctx.PendingScheduledStart = scheduled;
        ctx.BeginRequest(start);
        return measuredFrom;
    }

    /// <summary>Starts the scenario's code; an exception it throws before its first await becomes a failed response.</summary>
    public static ValueTask<Response> Start(ScenarioRuntime runtime, ScenarioContext ctx)
    {
        try
        {
            var definition = runtime.Definition;
            return definition.RunValue is { } pooled ? pooled(ctx) : new ValueTask<Response>(definition.Run(ctx));
        }
        catch (Exception e)
        {
            return new ValueTask<Response>(ctx.FailureFor(e));
        }
    }

    /// <summary>The bookkeeping after an iteration: settles (watchdog timeout, stop) and records it.</summary>
    public static void End(ScenarioRuntime runtime, ScenarioContext ctx, long measuredFrom, Response response)
    {
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
