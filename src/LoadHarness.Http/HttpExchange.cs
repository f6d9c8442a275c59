using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using LoadHarness.Core.Scenarios;
using LoadHarness.Http.Checks;

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
    private readonly Func<Task<Response>> run;
    private readonly Dictionary<HttpRequestTemplate, (HttpRequestMessage Message, int Version)> messages = new(ReferenceEqualityComparer.Instance);
    private byte[] bodyBuffer = [];
    private IScenarioContext? context;
    private HttpRequestTemplate? request;
    private IReadOnlyList<HttpCheck> checks = [];
    private HttpResult result;

    public HttpExchange(HttpVuState vu)
    {
        this.vu = vu;
        // Step.Run wants a Task; a pooled ValueTask turned into a Task allocates a small Task instead of a state machine box.
        run = () => RunAsync().AsTask();
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<HttpResult> SendAsync(IScenarioContext context, string stepName, HttpRequestTemplate request, IReadOnlyList<HttpCheck> checks)
    {
        this.context = context;
        this.request = request;
        this.checks = checks;
        try
        {
            // Step.Run may turn the response into a "timeout" when the engine's watchdog fired: that one is the truth.
            var response = await Step.Run(stepName, context, run).ConfigureAwait(false);
            return new HttpResult(response, result.StatusCode, result.SizeBytes, result.Duration, result.Body);
        }
        finally
        {
            this.context = null;
            this.request = null;
            this.checks = [];
            result = default;
            vu.Return(this);
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

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Response> RunAsync()
    {
        var ctx = context!;
        var template = request!;
        var stepChecks = checks;
        var options = template.Target.Options;
        var token = ctx.CancellationToken;
        var needBody = template.ReadBody || AnyNeedsBody(stepChecks);
        var message = RentMessage(template, options);
        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage? response = null;
        var status = 0;
        long bytes = 0;
        var failed = true;
        try
        {
            response = await template.Target.Invoker.SendAsync(message, token).ConfigureAwait(false);
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

            var duration = Stopwatch.GetElapsedTime(started);
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
            var duration = Stopwatch.GetElapsedTime(started);
            var kind = HttpErrors.KindOf(e, token);
            if (!token.IsCancellationRequested)
            {
                // k6 judges checks of a failed request too (status 0); a timeout or stop is not judged.
                RecordChecks(ctx, stepChecks, status, duration.TotalMilliseconds, default, false, null);
            }

            result = new HttpResult(default, status, bytes, duration, null);
            var error = SecretRedactor.RedactText(template.DisplayText + ": " + e.Message, vu.SecretValues());
            return Response.Fail(status, error, bytes, kind);
        }
        finally
        {
            response?.Dispose();
            ReleaseMessage(template, message, failed);
        }
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
