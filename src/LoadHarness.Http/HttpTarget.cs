using System.Collections.Concurrent;
using System.Text;
using LoadHarness.Core.Scenarios;
using LoadHarness.Http.Checks;
using LoadHarness.Http.Raw;

namespace LoadHarness.Http;

/// <summary>
/// An HTTP API under test: a base URL over one shared, load-tuned <see cref="SocketsHttpHandler"/> used through an
/// <see cref="HttpMessageInvoker"/>. Create once per scenario (<c>var http = HttpTarget.For(baseUrl)</c>), then in the
/// iteration: <c>await http.GetAsync(ctx, "profile", "/api/profile", checks)</c>. Relative URLs are appended to the base URL.
/// </summary>
public sealed class HttpTarget : IDisposable
{
    private const int MaxCachedTemplates = 1024;

    private static readonly ConcurrentDictionary<(string Origin, HttpTargetOptions Options), HttpMessageInvoker> SharedInvokers = new();
    private static readonly ConcurrentDictionary<(string BaseUrl, HttpTargetOptions Options), HttpTarget> SharedTargets = new();

    private readonly ConcurrentDictionary<(HttpMethod Method, string Url, string? Body, bool ReadBody), HttpRequestTemplate> templates = new();
    private readonly bool ownsInvoker;
    private readonly ConcurrentDictionary<string, RawConnectionPool> rawPools = new(StringComparer.Ordinal);

    private HttpTarget(Uri baseUri, HttpTargetOptions options, HttpMessageInvoker invoker, bool ownsInvoker)
    {
        BaseUri = baseUri;
        Options = options;
        Invoker = invoker;
        this.ownsInvoker = ownsInvoker;
    }

    public Uri BaseUri { get; }

    public HttpTargetOptions Options { get; }

    /// <summary>The invoker over the target's handler (send through <see cref="HttpStep"/> to have it recorded).</summary>
    public HttpMessageInvoker Invoker { get; }

    /// <summary>The process-wide target for this base URL and options: one handler per origin, shared by every scenario. Never dispose it.</summary>
    public static HttpTarget For(string baseUrl, HttpTargetOptions? options = null)
    {
        options ??= HttpTargetOptions.Default;
        var baseUri = ParseBase(baseUrl);
        return SharedTargets.GetOrAdd((baseUri.AbsoluteUri, options), static (key, uri) =>
        {
            var invoker = SharedInvokers.GetOrAdd((uri.GetLeftPart(UriPartial.Authority), key.Options), static k => new HttpMessageInvoker(HttpHandlerFactory.CreateHandler(k.Options), disposeHandler: true));
            return new HttpTarget(uri, key.Options, invoker, ownsInvoker: false);
        }, baseUri);
    }

    /// <summary>A target with its own handler, closed by <see cref="Dispose"/> (tests, tools).</summary>
    public static HttpTarget Create(string baseUrl, HttpTargetOptions? options = null)
    {
        options ??= HttpTargetOptions.Default;
        return new HttpTarget(ParseBase(baseUrl), options, new HttpMessageInvoker(HttpHandlerFactory.CreateHandler(options), disposeHandler: true), ownsInvoker: true);
    }

    /// <summary>An absolute URL as is; a relative one appended to the base URL (its path kept: base <c>/api</c> + <c>users</c> = <c>/api/users</c>).</summary>
    public Uri Resolve(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (HttpUrls.LooksAbsolute(url))
        {
            return HttpUrls.TryParseAbsolute(url, out var absolute)
                ? absolute
                : throw new ArgumentException($"'{SecretRedactor.RedactUrl(url)}' is not an absolute http(s) URL", nameof(url));
        }

        return HttpUrls.Append(BaseUri, url);
    }

    /// <summary>Describes a request once (at scenario build time), to send it with <see cref="SendAsync"/> or <see cref="HttpStep.Send"/>.</summary>
    public HttpRequestTemplate Request(
        HttpMethod method,
        string url,
        IEnumerable<KeyValuePair<string, string>>? headers = null,
        string? body = null,
        string? contentType = null,
        bool readBody = false) =>
        new(this, method, Resolve(url), headers, body is null ? null : Encoding.UTF8.GetBytes(body), contentType, readBody);

    public ValueTask<HttpResult> SendAsync(IScenarioContext context, string stepName, HttpRequestTemplate request, IReadOnlyList<HttpCheck>? checks = null) =>
        HttpStep.Send(context, stepName, request, checks);

    public ValueTask<HttpResult> GetAsync(IScenarioContext context, string stepName, string url, IReadOnlyList<HttpCheck>? checks = null, bool readBody = false) =>
        HttpStep.Send(context, stepName, Cached(HttpMethod.Get, url, null, null, readBody), checks);

    public ValueTask<HttpResult> DeleteAsync(IScenarioContext context, string stepName, string url, IReadOnlyList<HttpCheck>? checks = null, bool readBody = false) =>
        HttpStep.Send(context, stepName, Cached(HttpMethod.Delete, url, null, null, readBody), checks);

    /// <summary>POST with a JSON body (<c>application/json</c>). Set <paramref name="readBody"/> to read e.g. a token from the answer.</summary>
    public ValueTask<HttpResult> PostJsonAsync(IScenarioContext context, string stepName, string url, string json, IReadOnlyList<HttpCheck>? checks = null, bool readBody = false) =>
        HttpStep.Send(context, stepName, Cached(HttpMethod.Post, url, json, "application/json", readBody), checks);

    public ValueTask<HttpResult> PutJsonAsync(IScenarioContext context, string stepName, string url, string json, IReadOnlyList<HttpCheck>? checks = null, bool readBody = false) =>
        HttpStep.Send(context, stepName, Cached(HttpMethod.Put, url, json, "application/json", readBody), checks);

    public ValueTask<HttpResult> PatchJsonAsync(IScenarioContext context, string stepName, string url, string json, IReadOnlyList<HttpCheck>? checks = null, bool readBody = false) =>
        HttpStep.Send(context, stepName, Cached(HttpMethod.Patch, url, json, "application/json", readBody), checks);

    public override string ToString() => SecretRedactor.RedactUrl(BaseUri.ToString());

    public void Dispose()
    {
        if (ownsInvoker)
        {
            Invoker.Dispose();
            foreach (var pool in rawPools.Values)
            {
                pool.Dispose();
            }
        }
    }

    /// <summary>The raw transport's connections to <paramref name="uri"/>'s origin (shared by every VU of this target).</summary>
    internal RawConnectionPool RawPool(Uri uri) =>
        rawPools.GetOrAdd(uri.GetLeftPart(UriPartial.Authority), static (origin, state) => new RawConnectionPool(state.uri, origin, state.Options), (uri, Options));

    private static Uri ParseBase(string baseUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(baseUrl);
        return HttpUrls.TryParseAbsolute(baseUrl, out var uri)
            ? uri
            : throw new ArgumentException($"'{SecretRedactor.RedactUrl(baseUrl)}' is not an absolute http(s) URL", nameof(baseUrl));
    }

    /// <summary>Templates of the convenience methods, cached by (method, url, body) so repeated calls allocate none; bounded.</summary>
    private HttpRequestTemplate Cached(HttpMethod method, string url, string? body, string? contentType, bool readBody)
    {
        var key = (method, url, body, readBody);
        if (templates.TryGetValue(key, out var template))
        {
            return template;
        }

        template = new HttpRequestTemplate(this, method, Resolve(url), null, body is null ? null : Encoding.UTF8.GetBytes(body), contentType, readBody);
        if (templates.Count < MaxCachedTemplates)
        {
            return templates.GetOrAdd(key, template);
        }

        return new HttpRequestTemplate(this, method, template.Uri, null, template.Body, contentType, readBody) { IsEphemeral = true };
    }
}
