using System.Net.Http.Headers;
using System.Text;

namespace LoadHarness.Http;

/// <summary>
/// A request described once and sent many times: method, absolute URL, headers, body. Built when the scenario is
/// built; each VU turns it into a request message once and reuses it while the VU's headers do not change.
/// URL userinfo (<c>http://user:pw@host/</c>) becomes a Basic Authorization header and never appears in messages.
/// </summary>
public sealed class HttpRequestTemplate
{
    private readonly KeyValuePair<string, string>[] requestHeaders;
    private readonly KeyValuePair<string, string>[] contentHeaders;

    public HttpRequestTemplate(
        HttpTarget target,
        HttpMethod method,
        Uri uri,
        IEnumerable<KeyValuePair<string, string>>? headers = null,
        ReadOnlyMemory<byte>? body = null,
        string? contentType = null,
        bool readBody = false)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{SecretRedactor.RedactUrl(uri.OriginalString)}' is not an absolute http(s) URL", nameof(uri));
        }

        var all = (headers ?? []).ToList();
        if (uri.UserInfo.Length > 0)
        {
            var credentials = Uri.UnescapeDataString(uri.UserInfo);
            all.Insert(0, new("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials))));
            uri = new UriBuilder(uri) { UserName = "", Password = "" }.Uri;
        }

        Target = target;
        Method = method;
        Uri = uri;
        // A null byte[] converts to a non-null, empty ReadOnlyMemory: only a real body, or any body of a method that
        // carries one, becomes content (a GET with "Content-Length: 0" is not what the user wrote).
        Body = body is { IsEmpty: false } given ? given.ToArray() : CarriesBody(method) || contentType is not null ? [] : null;
        Idempotent = IsIdempotentMethod(method);
        ContentType = contentType;
        ReadBody = readBody;
        requestHeaders = all.Where(h => !IsContentHeader(h.Key)).ToArray();
        contentHeaders = all.Where(h => IsContentHeader(h.Key)).ToArray();
        DisplayText = method.Method + " " + SecretRedactor.RedactUrl(uri.ToString());
        ValidateHeaders();
        UsesRawTransport = Raw.RawClient.Supports(target.Options, uri);
    }

    public HttpTarget Target { get; }

    public HttpMethod Method { get; }

    public Uri Uri { get; }

    /// <summary>The headers of this request (secret values included; mask them with <see cref="SecretRedactor.MaskHeader"/> before showing).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers => [.. requestHeaders, .. contentHeaders];

    public byte[]? Body { get; }

    public string? ContentType { get; }

    /// <summary>Read the body into <see cref="HttpResult.Body"/> (e.g. a login reading its token). Off by default: bodies are drained and counted.</summary>
    public bool ReadBody { get; }

    /// <summary>"GET http://host/path" with secrets removed: the message of failures.</summary>
    public string DisplayText { get; }

    /// <summary>Sent over the raw HTTP/1.1 transport (<see cref="HttpTransport.Raw"/> and a URL/options it supports).</summary>
    internal bool UsesRawTransport { get; }

    /// <summary>
    /// May be sent again when a kept-alive connection turned out closed by the server after the request went out and
    /// before any byte of the response came back (what browsers and Go's net/http do). By default true for GET, HEAD,
    /// PUT, DELETE, OPTIONS and TRACE (RFC 9110 9.2.2), false for POST and PATCH; set it to say otherwise (config:
    /// <c>"Idempotent": true</c>). A request nothing of which was sent is always sent again: that is never a retry.
    /// </summary>
    public bool Idempotent { get; init; }

    /// <summary>
    /// Why a <see cref="HttpTransport.Raw"/> target sends this request through SocketsHttpHandler instead (https,
    /// HTTP/2, redirects followed, decompression); null when it takes the transport the target asked for.
    /// </summary>
    public string? TransportFallback => Target.Options.Transport == HttpTransport.Raw ? Raw.RawClient.Unsupported(Target.Options, Uri) : null;

    /// <summary>Set for one-off templates (a body per call): they are not cached per VU.</summary>
    internal bool IsEphemeral { get; init; }

    public override string ToString() => DisplayText;

    /// <summary>A new request message carrying this request and the VU's headers (the request's own headers win).</summary>
    internal HttpRequestMessage CreateMessage(HttpVuState? vu)
    {
        var options = Target.Options;
        var message = new HttpRequestMessage(Method, Uri) { Version = options.HttpVersion, VersionPolicy = options.VersionPolicy };
        foreach (var header in requestHeaders)
        {
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (vu is not null)
        {
            foreach (var header in vu.Headers)
            {
                if (!message.Headers.Contains(header.Key))
                {
                    message.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }
        }

        if (options.UserAgent is { } userAgent && !message.Headers.Contains("User-Agent"))
        {
            message.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }

        if (Body is not null || contentHeaders.Length > 0)
        {
            var content = new ByteArrayContent(Body ?? []);
            if (ContentType is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }

            foreach (var header in contentHeaders)
            {
                content.Headers.Remove(header.Key);
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            message.Content = content;
        }

        return message;
    }

    internal static bool IsIdempotentMethod(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put || method == HttpMethod.Delete
        || method == HttpMethod.Options || method == HttpMethod.Trace;

    /// <summary>Methods whose requests carry a body even when it is empty (<c>Content-Length: 0</c>), as SocketsHttpHandler sends them.</summary>
    private static bool CarriesBody(HttpMethod method) => method == HttpMethod.Post || method == HttpMethod.Put || method == HttpMethod.Patch;

    private static bool IsContentHeader(string name) => name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase);

    /// <summary>Adds every header with validation once, so a bad header fails when the scenario is built, naming the header but not its value.</summary>
    private void ValidateHeaders()
    {
        using var probe = new HttpRequestMessage(Method, Uri) { Content = new ByteArrayContent([]) };
        foreach (var (name, value) in requestHeaders.Concat(contentHeaders).Append(new("Content-Type", ContentType ?? "text/plain")))
        {
            try
            {
                if (IsContentHeader(name))
                {
                    probe.Content.Headers.Remove(name);
                    probe.Content.Headers.Add(name, value);
                }
                else
                {
                    probe.Headers.Add(name, value);
                }
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException)
            {
                throw new ArgumentException($"header '{name}' of {DisplayText} is not valid: {SecretRedactor.RedactText(e.Message, [value])}", nameof(Headers));
            }
        }
    }
}
