using System.Runtime.CompilerServices;
using System.Text;
using LoadHarness.Core.Execution;
using LoadHarness.Core.Scenarios;
using LoadHarness.Http.Checks;
using LoadHarness.Http.Raw;
using LoadHarness.Http.Sockets;

namespace LoadHarness.Http;

/// <summary>
/// One VU's reusable sender: its step delegate (created once), its request messages (built once per template while
/// the VU's headers stay the same) and its body buffer. A VU rents one per request, so parallel requests of one VU
/// each get their own. Bodies nobody reads are drained into a shared scratch buffer whose content is never looked at.
/// </summary>
internal sealed class HttpExchange
{
    private const int MaxCachedMessages = 64;
    private const int MaxRetainedBodyBuffer = 1024 * 1024;

    /// <summary>Written concurrently by every drain and never read: only the byte counts matter.</summary>
    private static readonly byte[] Scratch = GC.AllocateUninitializedArray<byte>(64 * 1024, pinned: true);

    private readonly HttpVuState vu;
    private readonly Dictionary<HttpRequestTemplate, (HttpRequestMessage Message, int Version)> messages = new(ReferenceEqualityComparer.Instance);
    private byte[] bodyBuffer = [];
    private HttpResult result;
    private RawClient? raw;

    /// <summary>When the current exchange's response was complete, on its step's clock (<see cref="StepScope.Timestamp"/>); 0 = not yet.</summary>
    private long ended;

    public HttpExchange(HttpVuState vu) => this.vu = vu;

    /// <summary>One step as an <see cref="HttpResult"/> (<see cref="HttpStep.Send"/>); the exchange goes back to its VU after.</summary>
    [AsyncMethodBuilder(typeof(PooledValueTaskMethodBuilder<>))]
    public async ValueTask<HttpResult> SendAsync(IScenarioContext context, string stepName, HttpRequestTemplate request, IReadOnlyList<HttpCheck> checks)
    {
        try
        {
            var response = await ExchangeAsync(context, stepName, request, checks, release: false).ConfigureAwait(false);
            return new HttpResult(response, result.StatusCode, result.SizeBytes, result.Duration, result.Body);
        }
        finally
        {
            Release();
        }
    }

    /// <summary>
    /// One step: the engine's bookkeeping (<see cref="StepScope"/>) around the request. The raw transport runs inside this
    /// frame, so a request waiting for its response suspends two async frames (this one and the raw client's) instead of
    /// one per layer. <paramref name="release"/>: return the exchange to its VU at the end (when the caller needs only
    /// the response; <see cref="SendAsync"/> reads <see cref="result"/> first).
    /// </summary>
    [AsyncMethodBuilder(typeof(PooledValueTaskMethodBuilder<>))]
    internal async ValueTask<Response> ExchangeAsync(IScenarioContext context, string stepName, HttpRequestTemplate request, IReadOnlyList<HttpCheck> checks, bool release)
    {
        try
        {
            var scope = StepScope.Begin(stepName, context);
            ended = 0;
            Response response;
            try
            {
                if (request.UsesRawTransport)
                {
                    var client = raw ??= new RawClient();
                    var token = context.CancellationToken;
                    var status = 0;
                    try
                    {
                        var needBody = request.ReadBody || AnyNeedsBody(checks);
                        (status, var bytes) = await client.SendAsync(request, vu, needBody, AnyNeedsHeaders(checks), token).ConfigureAwait(false);
                        response = RawCompleted(context, request, checks, client, needBody, scope, status, bytes);
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        response = Failed(e, context, request, checks, token, scope, client.HeadStatus, 0);
                    }
                    finally
                    {
                        if (client.Retried)
                        {
                            HttpRetries.Count(context.ScenarioName, stepName);
                        }

                        client.Headers?.Dispose();
                        client.ReleaseBody(MaxRetainedBodyBuffer);
                    }
                }
                else
                {
                    response = await RunAsync(context, stepName, request, checks, scope).ConfigureAwait(false);
                }
            }
            catch (Exception e)
            {
                response = scope.Failure(e);
            }

            // End may turn the response into a "timeout" when the engine's watchdog fired: that one is the truth. The same
            // end timestamp as the checks' duration: one clock, one duration per request.
            return scope.End(response, ended != 0 ? ended : scope.Timestamp());
        }
        finally
        {
            if (release)
            {
                Release();
            }
        }
    }

    private static bool AnyNeedsBody(IReadOnlyList<HttpCheck> checks)
    {
        for (var i = 0; i < checks.Count; i++)
        {
            if (checks[i].NeedsBody)
            {
                return true;
            }
        }

        return false;
    }

    private static void RecordChecks(IScenarioContext context, IReadOnlyList<HttpCheck> checks, int status, double durationMs, ReadOnlySpan<byte> body, bool bodyRead, HttpResponseMessage? response)
    {
        for (var i = 0; i < checks.Count; i++)
        {
            var check = checks[i];
            context.Check(check.Name, check.Evaluate(status, durationMs, body, bodyRead, response));
        }
    }

    [AsyncMethodBuilder(typeof(PooledValueTaskMethodBuilder<>))]
    private async ValueTask<Response> RunAsync(IScenarioContext ctx, string stepName, HttpRequestTemplate template, IReadOnlyList<HttpCheck> stepChecks, StepScope scope)
    {
        var options = template.Target.Options;
        var token = ctx.CancellationToken;
        var needBody = template.ReadBody || AnyNeedsBody(stepChecks);
        var message = RentMessage(template, options);
        HttpResponseMessage? response = null;
        var status = 0;
        long bytes = 0;
        var failed = true;
        try
        {
            var (unsent, retried) = (0, false);
            while (true)
            {
                try
                {
                    response = await template.Target.Invoker.SendAsync(message, token).ConfigureAwait(false);
                    break;
                }
                catch (HttpRequestException e) when (SocketsResend.Allows(e, template, token, ref unsent, ref retried, ctx.ScenarioName, stepName))
                {
                    // The kept-alive connection was closed by the server: the same request again (on another connection).
                }
            }

            status = (int)response.StatusCode;
            var stream = response.Content.ReadAsStream(token);
            var length = 0;
            if (needBody)
            {
                EnsureBodyBuffer(response.Content.Headers.ContentLength, options.MaxBufferedBodyBytes);
                int read;
                while (true)
                {
                    var buffered = length < options.MaxBufferedBodyBytes;
                    if (buffered && length == bodyBuffer.Length)
                    {
                        Array.Resize(ref bodyBuffer, (int)Math.Min((long)bodyBuffer.Length * 2, options.MaxBufferedBodyBytes));
                    }

                    read = await stream.ReadAsync(buffered ? bodyBuffer.AsMemory(length) : Scratch, token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    bytes += read;
                    length += buffered ? read : 0;
                }
            }
            else
            {
                int read;
                while ((read = await stream.ReadAsync(Scratch, token).ConfigureAwait(false)) > 0)
                {
                    bytes += read;
                }
            }

            var duration = Finish(scope);
            RecordChecks(ctx, stepChecks, status, duration.TotalMilliseconds, bodyBuffer.AsSpan(0, length), needBody, response);
            var text = template.ReadBody ? Encoding.UTF8.GetString(bodyBuffer, 0, length) : null;
            if (bodyBuffer.Length > MaxRetainedBodyBuffer)
            {
                bodyBuffer = [];
            }

            result = new HttpResult(default, status, bytes, duration, text);
            failed = false;
            return status >= options.FailStatusFrom ? Response.Fail(status, template.DisplayText, bytes) : Response.Ok(status, bytes);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Failed(e, ctx, template, stepChecks, token, scope, status, bytes);
        }
        finally
        {
            response?.Dispose();
            ReleaseMessage(template, message, failed);
        }
    }

    /// <summary>The raw transport's answer (<see cref="HttpTransport.Raw"/>): same results, checks and error kinds as SocketsHttpHandler's.</summary>
    private Response RawCompleted(IScenarioContext ctx, HttpRequestTemplate template, IReadOnlyList<HttpCheck> stepChecks, RawClient client, bool needBody, StepScope scope, int status, long bytes)
    {
        var duration = Finish(scope);
        RecordChecks(ctx, stepChecks, status, duration.TotalMilliseconds, client.Body, needBody, client.Headers);
        var text = template.ReadBody ? Encoding.UTF8.GetString(client.Body) : null;
        result = new HttpResult(default, status, bytes, duration, text);
        return status >= template.Target.Options.FailStatusFrom ? Response.Fail(status, template.DisplayText, bytes) : Response.Ok(status, bytes);
    }

    /// <summary>The response is complete: its end on the step's clock, kept for <see cref="StepScope.End(Response, long)"/>.</summary>
    private TimeSpan Finish(StepScope scope)
    {
        ended = scope.Timestamp();
        return scope.Elapsed(ended);
    }

    private void Release()
    {
        result = default;
        vu.Return(this);
    }

    private static bool AnyNeedsHeaders(IReadOnlyList<HttpCheck> checks)
    {
        for (var i = 0; i < checks.Count; i++)
        {
            if (checks[i].Kind is HttpCheckKind.HeaderContains or HttpCheckKind.HeaderExists)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A failed exchange: its kind by <see cref="HttpErrors.KindOf"/>, checks judged unless it timed out or stopped.</summary>
    private Response Failed(Exception e, IScenarioContext ctx, HttpRequestTemplate template, IReadOnlyList<HttpCheck> stepChecks, CancellationToken token, StepScope scope, int status, long bytes)
    {
        var duration = Finish(scope);
        var kind = HttpErrors.KindOf(e, token, status);
        if (!token.IsCancellationRequested)
        {
            // k6 judges checks of a failed request too (status 0); a timeout or stop is not judged.
            RecordChecks(ctx, stepChecks, status, duration.TotalMilliseconds, default, false, null);
        }

        result = new HttpResult(default, status, bytes, duration, null);
        var error = SecretRedactor.RedactText(template.DisplayText + ": " + HttpErrors.Describe(e, kind), vu.SecretValues());
        return Response.Fail(status, error, bytes, kind);
    }

    private void EnsureBodyBuffer(long? contentLength, int max)
    {
        var wanted = (int)Math.Clamp(contentLength ?? 16 * 1024, Math.Min(1024, max), Math.Max(0, max));
        if (bodyBuffer.Length < wanted)
        {
            bodyBuffer = new byte[wanted];
        }
    }

    private HttpRequestMessage RentMessage(HttpRequestTemplate template, HttpTargetOptions options)
    {
        if (template.IsEphemeral || options.FollowRedirects)
        {
            return template.CreateMessage(vu);
        }

        if (messages.TryGetValue(template, out var cached))
        {
            if (cached.Version == vu.Version)
            {
                return cached.Message;
            }

            messages.Remove(template);
            cached.Message.Dispose();
        }

        var message = template.CreateMessage(vu);
        if (messages.Count < MaxCachedMessages)
        {
            messages[template] = (message, vu.Version);
        }

        return message;
    }

    /// <summary>Messages not cached are disposed; a cached one is dropped after a failure (never reused mid-flight).</summary>
    private void ReleaseMessage(HttpRequestTemplate template, HttpRequestMessage message, bool failed)
    {
        if (messages.TryGetValue(template, out var cached) && ReferenceEquals(cached.Message, message))
        {
            if (!failed)
            {
                return;
            }

            messages.Remove(template);
        }

        message.Dispose();
    }
}
