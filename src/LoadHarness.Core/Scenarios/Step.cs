using LoadHarness.Core.Execution;

namespace LoadHarness.Core.Scenarios;

/// <summary><c>await Step.Run("login", ctx, async () => Response.Ok())</c>: runs and records one step of an iteration.</summary>
public static class Step
{
    public static async ValueTask<Response> Run(string name, IScenarioContext context, Func<Task<Response>> run)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(run);
        if (context is not ScenarioContext ctx)
        {
            try
            {
                return await run().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                return Response.Fail(0, e.Message, 0, ErrorKinds.ForException(e));
            }
        }

        var runtime = ctx.Runtime;
        var recorder = runtime.GetStep(name);
        var now = runtime.Time.GetTimestamp();
        var scheduled = ctx.PendingScheduledStart;
        var start = scheduled != 0 && scheduled < now ? scheduled : now;
        ctx.PendingScheduledStart = 0;
        var previousStep = ctx.CurrentStep;
        ctx.CurrentStep = name;
        ctx.BeginRequest(now);
        Response response;
        try
        {
            response = await run().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            response = ctx.FailureFor(e);
        }

        ctx.EndRequest();
        ctx.CurrentStep = previousStep;
        response = ctx.Settle(response);
        runtime.Record(recorder, ctx, start, response);
        return response;
    }
}
