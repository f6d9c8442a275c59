using LoadHarness.Core.Scenarios;
using LoadHarness.Http.Checks;

namespace LoadHarness.Http;

/// <summary>
/// Sends one request as a recorded step: <c>await HttpStep.Send(ctx, "profile", request, checks)</c>. A status at or
/// above the target's <see cref="HttpTargetOptions.FailStatusFrom"/> is a failure of kind "status N"; exceptions map
/// to kinds by <see cref="HttpErrors.KindOf"/>; checks are recorded with <see cref="IScenarioContext.Check"/>, apart
/// from failures. The body is drained and counted unless a check or the request needs it.
/// </summary>
public static class HttpStep
{
    public static ValueTask<HttpResult> Send(IScenarioContext context, string stepName, HttpRequestTemplate request, IReadOnlyList<HttpCheck>? checks = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(stepName);
        ArgumentNullException.ThrowIfNull(request);
        var vu = HttpVuState.Of(context);
        return vu.RentExchange().SendAsync(context, stepName, request, checks ?? []);
    }
}
