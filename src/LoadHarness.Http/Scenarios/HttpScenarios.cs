using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using LoadHarness.Core.Execution;
using LoadHarness.Core.Load;
using LoadHarness.Core.Scenarios;
using LoadHarness.Http.Checks;

namespace LoadHarness.Http.Scenarios;

/// <summary>
/// The built-in <c>http</c> scenario: the config's requests in order, one step each, with their checks and think times;
/// requests marked <c>Once</c> (a login) run once per VU before its first iteration, and <c>BearerTokenFrom</c> makes the
/// token of a JSON answer the VU's bearer token.
/// </summary>
public static class HttpScenarios
{
    /// <summary>The name the command registers the built-in scenario under.</summary>
    public const string DefaultName = "http";

    /// <summary>
    /// Builds the scenario (load simulations and thresholds are applied by the command). Throws
    /// <see cref="ArgumentException"/> listing every problem when the settings are invalid or a relative URL has no base.
    /// </summary>
    public static ScenarioDefinition Create(string name, HttpScenarioSettings settings, string? targetBaseUrl, string settingsPath = "Http")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(settings);
        var errors = settings.Validate(settingsPath).ToList();
        var baseUrl = string.IsNullOrWhiteSpace(settings.BaseUrl) ? targetBaseUrl : settings.BaseUrl;
        if (errors.Count == 0 && string.IsNullOrWhiteSpace(baseUrl) && settings.Requests.Any(r => !HttpUrls.LooksAbsolute(r.Url.Trim())))
        {
            errors.Add($"{settingsPath}.BaseUrl: relative request URLs need BaseUrl or Target.ApiBaseUrl");
        }

        if (errors.Count == 0 && !string.IsNullOrWhiteSpace(baseUrl) && !HttpUrls.TryParseAbsolute(baseUrl, out _))
        {
            errors.Add($"Target.ApiBaseUrl: '{SecretRedactor.RedactUrl(baseUrl)}' is not an absolute http(s) URL");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException($"scenario '{name}':\n  " + string.Join("\n  ", errors), nameof(settings));
        }

        var options = OptionsOf(settings);
        var once = settings.Requests.Where(r => r.Once).Select(r => BuildStep(r, settings.Headers, baseUrl, options)).ToArray();
        var steps = settings.Requests.Where(r => !r.Once).Select(r => BuildStep(r, settings.Headers, baseUrl, options)).ToArray();
        var scenario = steps is [{ ThinkTime.Ticks: 0, BearerTokenFrom: null } only]
            ? Scenario.CreatePooled(name, ctx => HttpStep.SendForResponse(ctx, only.Name, only.Request, only.Checks))
            : Scenario.CreatePooled(name, ctx => RunSteps(ctx, steps));
        // No user code, and every request on raw connections whose continuations run on the epoll thread: nothing in an
        // iteration blocks a thread, so the think timer may resume its VUs in shared work items.
        var all = once.Concat(steps).Select(s => s.Request).ToArray();
        scenario = scenario with { IterationsNeverBlock = options.InlineCompletions && all.All(r => r.UsesRawTransport) };
        var raw = all.Where(r => r.UsesRawTransport).ToArray();
        if (raw.Length > 0)
        {
            scenario = scenario.WithInit(ctx => PreconnectAsync(raw, ctx.CancellationToken));
        }

        return once.Length == 0 ? scenario : scenario.WithVuInit(ctx => RunSteps(ctx, once).AsTask());
    }

    /// <summary>
    /// Opens the raw transport's first connection to each origin in the scenario's init, before its clock starts: the
    /// first iterations find a connection and its code compiled (an open model's first arrivals otherwise queue behind
    /// the connect). A target that refuses or does not answer in time is left to the iterations, which record it.
    /// </summary>
    private static async Task PreconnectAsync(IEnumerable<HttpRequestTemplate> requests, CancellationToken token)
    {
        foreach (var pool in requests.Select(r => r.Target.RawPool(r.Uri)).Distinct())
        {
            try
            {
                await pool.WarmAsync(token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !token.IsCancellationRequested))
            {
                // Not an error of the run: every iteration that needs this connection reports the failure itself.
            }
        }
    }

    private static HttpTargetOptions OptionsOf(HttpScenarioSettings settings)
    {
        var options = HttpTargetOptions.Default with
        {
            FollowRedirects = settings.FollowRedirects,
            AcceptAnyServerCertificate = settings.AcceptAnyServerCertificate,
            AutomaticDecompression = settings.Decompress ? DecompressionMethods.All : DecompressionMethods.None,
            FailStatusFrom = settings.FailStatusFrom ?? HttpTargetOptions.Default.FailStatusFrom,
            Transport = settings.TransportKind,
            // No user code runs in this scenario's iterations: the raw connections may continue on the epoll thread.
            InlineCompletions = settings.TransportKind == HttpTransport.Raw && RawInline.ForScenariosWithoutUserCode,
            MaxConnectionsPerServer = settings.MaxConnections ?? HttpTargetOptions.Default.MaxConnectionsPerServer,
        };
        return settings.ConnectTimeout is null ? options : options with { ConnectTimeout = DurationParser.Parse(settings.ConnectTimeout) };
    }

    private static ConfiguredStep BuildStep(HttpRequestSettings request, Dictionary<string, string>? scenarioHeaders, string? baseUrl, HttpTargetOptions options)
    {
        // The scenario's headers, then the request's own: a name the request gives is the request's alone.
        var headers = (scenarioHeaders ?? []).Where(h => request.Headers?.Keys.Any(k => k.Equals(h.Key, StringComparison.OrdinalIgnoreCase)) != true).Concat(request.Headers ?? []).ToList();
        var url = request.Url.Trim();
        var target = HttpUrls.LooksAbsolute(url)
            ? HttpTarget.For(new Uri(url).GetLeftPart(UriPartial.Authority), options)
            : HttpTarget.For(baseUrl!, options);
        var contentType = request.ContentType ?? (request.Body is null ? null : "application/json");
        var method = new HttpMethod(HttpScenarioSettings.NormalizeMethod(request.Method));
        var template = new HttpRequestTemplate(
            target,
            method,
            target.Resolve(url),
            headers,
            request.Body is null ? null : Encoding.UTF8.GetBytes(request.Body),
            contentType,
            request.ReadBody || request.BearerTokenFrom is not null)
        {
            Idempotent = request.Idempotent ?? HttpRequestTemplate.IsIdempotentMethod(method),
        };
        var checks = request.Checks.Select(HttpCheck.Parse).ToArray();
        var thinkTime = request.ThinkTime is null ? TimeSpan.Zero : DurationParser.Parse(request.ThinkTime);
        return new ConfiguredStep(request.Name, template, checks, thinkTime, request.BearerTokenFrom?.Trim());
    }

    /// <summary>Every request in order (a failure does not stop the iteration, as in k6); the iteration fails with its first failed step.</summary>
    [AsyncMethodBuilder(typeof(PooledValueTaskMethodBuilder<>))]
    private static async ValueTask<Response> RunSteps(IScenarioContext ctx, ConfiguredStep[] steps)
    {
        Response? firstFailure = null;
        var last = Response.Ok();
        foreach (var step in steps)
        {
            if (step.BearerTokenFrom is null)
            {
                last = await HttpStep.SendForResponse(ctx, step.Name, step.Request, step.Checks).ConfigureAwait(false);
            }
            else
            {
                var result = await HttpStep.Send(ctx, step.Name, step.Request, step.Checks).ConfigureAwait(false);
                last = result.Response;
                if (last.IsOk)
                {
                    // A login that answers without the token (a wrong name or path) otherwise shows only as every later
                    // request's 401, with nothing naming the cause: the token's presence is a check of its own.
                    var token = result.JsonString(step.BearerTokenFrom);
                    ctx.Check(step.TokenCheckName!, token is not null);
                    if (token is not null)
                    {
                        HttpVuState.Of(ctx).BearerToken = token;
                    }
                }
            }

            if (!last.IsOk)
            {
                firstFailure ??= last;
            }

            if (step.ThinkTime > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(step.ThinkTime, ctx.CancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        return firstFailure ?? last;
    }

    private sealed record ConfiguredStep(string Name, HttpRequestTemplate Request, IReadOnlyList<HttpCheck> Checks, TimeSpan ThinkTime, string? BearerTokenFrom)
    {
        /// <summary>The check that the answer held the token: <c>login: bearer token 'data.access_token' in the answer</c>.</summary>
        public string? TokenCheckName { get; } = BearerTokenFrom is null ? null : $"{Name}: bearer token '{BearerTokenFrom}' in the answer";
    }
}
