using LoadHarness.Core.Scenarios;
using LoadHarness.Http;

namespace LoadHarness.Scenarios.Api;

/// <summary>The outcome of an iteration of several steps: its first failure, else the last step's response.</summary>
internal sealed class IterationOutcome
{
    private Response? firstFailure;
    private Response last = Response.Ok();

    public Response Response => firstFailure ?? last;

    public void Add(HttpResult result)
    {
        last = result.Response;
        if (!result.IsOk && firstFailure is null)
        {
            firstFailure = result.Response;
        }
    }
}
