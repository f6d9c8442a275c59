using System.Runtime.CompilerServices;

namespace LoadHarness.Core.Scenarios;

/// <summary><c>await Step.Run("login", ctx, async () => Response.Ok())</c>: runs and records one step of an iteration.</summary>
public static class Step
{
    /// <summary>Runs <paramref name="run"/> as the step <paramref name="name"/> and records it. Await the result once (it is pooled).</summary>
    public static ValueTask<Response> Run(string name, IScenarioContext context, Func<Task<Response>> run)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(run);
        return RunCore(name, context, run);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<Response> RunCore(string name, IScenarioContext context, Func<Task<Response>> run)
    {
        var scope = StepScope.Begin(name, context);
        Response response;
        try
        {
            response = await run().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            response = scope.Failure(e);
        }

        return scope.End(response);
    }
}
