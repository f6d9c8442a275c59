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

    /// <summary>
    /// <see cref="Send"/> for a caller that needs only the engine's <see cref="Response"/> (the built-in scenario): the
    /// exchange's own frame is the only one between the caller and the transport.
    /// </summary>
    internal static ValueTask<Response> SendForResponse(IScenarioContext context, string stepName, HttpRequestTemplate request, IReadOnlyList<HttpCheck> checks) =>
        HttpVuState.Of(context).RentExchange().ExchangeAsync(context, stepName, request, checks, release: true);
}
