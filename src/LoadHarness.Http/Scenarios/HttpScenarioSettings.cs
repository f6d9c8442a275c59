using System.Globalization;
using System.Net.Http.Headers;
using LoadHarness.Core.Parsing;
using LoadHarness.Core.Load;
using LoadHarness.Http.Checks;

namespace LoadHarness.Http.Scenarios;

/// <summary>
/// The built-in <c>http</c> scenario as the config describes it (no C#): a base URL and the requests of one
/// iteration, each a step. Bound from e.g. <c>GlobalSettings.ScenariosSettings[0].Http</c>.
/// </summary>
public sealed class HttpScenarioSettings
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"];

    /// <summary>Base of relative request URLs; when empty, the target's API base URL (<c>Target.ApiBaseUrl</c>).</summary>
    public string? BaseUrl { get; set; }

    public List<HttpRequestSettings> Requests { get; set; } = [];

    /// <summary>
    /// Headers of every request of the scenario (an API key, a tenant); a request's own <c>Headers</c> win by name. One
    /// place for a secret that CI sets from the environment (<c>LOADHARNESS__…__HTTP__HEADERS__AUTHORIZATION</c>).
    /// </summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Responses with a status at or above this are failures. Default 400.</summary>
    public int? FailStatusFrom { get; set; }

    public bool FollowRedirects { get; set; }

    /// <summary>Ask for and inflate gzip/deflate/brotli bodies (off: bytes are counted as sent).</summary>
    public bool Decompress { get; set; }

    /// <summary>Accept any TLS certificate (self-signed test environments only).</summary>
    public bool AcceptAnyServerCertificate { get; set; }

    /// <summary>Time to open a connection, e.g. <c>10s</c>.</summary>
    public string? ConnectTimeout { get; set; }

    /// <summary>
    /// Connections the transport may open to one origin (default: as many as the open-file limit allows, less
    /// <see cref="OpenFileLimit.Reserve"/>); requests beyond it wait for a free connection.
    /// </summary>
    public int? MaxConnections { get; set; }

    /// <summary>
    /// <c>auto</c> (the default, also when absent): the raw HTTP/1.1 fast path (keep-alive connections shared by the VUs,
    /// requests serialised once, minimal parsing) for every request it can send — <c>http://</c> over HTTP/1.1 —, and
    /// SocketsHttpHandler for the rest (https, redirects followed, decompression). <c>raw</c>: the same, asked for
    /// explicitly (the requests that fall back are listed by <see cref="HttpTransportFallbacks"/>). <c>sockets</c>:
    /// SocketsHttpHandler for everything. See <see cref="HttpTransport"/>.
    /// </summary>
    public string? Transport { get; set; }

    /// <summary>The transport <see cref="Transport"/> names (validated by <see cref="Validate"/>): raw unless <c>sockets</c>.</summary>
    internal HttpTransport TransportKind => ParseTransport(Transport) ?? HttpTransport.Raw;

    /// <summary>The scenario said <c>"Transport": "raw"</c> (not <c>auto</c> nor absent).</summary>
    internal bool AsksForRaw => string.Equals(Transport?.Trim(), "raw", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every problem (empty when valid), each prefixed by its config path under <paramref name="path"/>. Secrets never appear.</summary>
    public IReadOnlyList<string> Validate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(BaseUrl) && !HttpUrls.TryParseAbsolute(BaseUrl, out _))
        {
            errors.Add($"{path}.BaseUrl: '{SecretRedactor.RedactUrl(BaseUrl)}' is not an absolute http(s) URL");
        }

        if (FailStatusFrom is { } from && (from < 100 || from > 600))
        {
            errors.Add($"{path}.FailStatusFrom: {from.ToString(CultureInfo.InvariantCulture)} is not a status code (100-600)");
        }

        if (ConnectTimeout is not null && (!DurationParser.TryParse(ConnectTimeout, out var connect, out var connectError) || connect <= TimeSpan.Zero))
        {
            errors.Add($"{path}.ConnectTimeout: {connectError ?? "must be positive"}");
        }

        if (MaxConnections is { } max && max < 1)
        {
            errors.Add($"{path}.MaxConnections: {max.ToString(CultureInfo.InvariantCulture)} must be at least 1");
        }

        if (Transport is not null && ParseTransport(Transport) is null)
        {
            errors.Add($"{path}.Transport: '{Transport}' is not a transport (auto | raw | sockets)");
        }

        ValidateHeaders(Headers, path, errors);
        if (Requests is null || Requests.Count == 0)
        {
            errors.Add($"{path}.Requests: at least one request is needed (Name, Url; Method GET by default)");
            return errors;
        }

        if (Requests.All(r => r is null || r.Once))
        {
            errors.Add($"{path}.Requests: every request is 'Once'; at least one must run in each iteration");
        }

        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Requests.Count; i++)
        {
            var p = $"{path}.Requests[{i.ToString(CultureInfo.InvariantCulture)}]";
            var request = Requests[i];
            if (request is null)
            {
                errors.Add($"{p}: is empty");
                continue;
            }

            if (string.IsNullOrWhiteSpace(request.Name))
            {
                errors.Add($"{p}.Name: a request needs a name (it is the step's name)");
            }
            else if (!names.TryAdd(request.Name, i))
            {
                errors.Add($"{p}.Name: '{request.Name}' is already the name of Requests[{names[request.Name].ToString(CultureInfo.InvariantCulture)}]");
            }

            ValidateRequest(request, p, errors);
        }

        return errors;
    }

    /// <summary>Header names are tokens and values one line, each problem at <c>path.Headers</c>.</summary>
    private static void ValidateHeaders(Dictionary<string, string>? headers, string path, List<string> errors)
    {
        foreach (var (name, value) in headers ?? [])
        {
            if (string.IsNullOrWhiteSpace(name) || name.Any(c => c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".Contains(c, StringComparison.Ordinal)))
            {
                errors.Add($"{path}.Headers: '{name}' is not a valid header name");
            }
            else if (value is null || value.Contains('\r', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal))
            {
                errors.Add($"{path}.Headers.{name}: the value must be one line");
            }
        }
    }

    /// <summary>A request's method as sent: trimmed, upper case, GET when not given.</summary>
    public static string NormalizeMethod(string? method) => string.IsNullOrWhiteSpace(method) ? "GET" : method.Trim().ToUpperInvariant();

    private static HttpTransport? ParseTransport(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" or "raw" => HttpTransport.Raw,
        "sockets" => HttpTransport.Sockets,
        _ => null,
    };

    private static void ValidateRequest(HttpRequestSettings request, string p, List<string> errors)
    {
        var method = NormalizeMethod(request.Method);
        if (!Methods.Contains(method, StringComparer.Ordinal))
        {
            var anagram = Methods.FirstOrDefault(m => m.Order().SequenceEqual(method.Order()));
            var hint = (anagram ?? NameSuggester.Closest(method, Methods)) is { } suggestion ? $" (did you mean {suggestion}?)" : $" (one of {string.Join(", ", Methods)})";
            errors.Add($"{p}.Method: '{request.Method}' is not an HTTP method{hint}");
        }

        var url = request.Url?.Trim() ?? "";
        if (url.Length == 0)
        {
            errors.Add($"{p}.Url: is empty (an absolute http(s) URL, or a path relative to BaseUrl / Target.ApiBaseUrl)");
        }
        else if (HttpUrls.LooksAbsolute(url) ? !HttpUrls.TryParseAbsolute(url, out _) : !HttpUrls.IsValidRelative(url))
        {
            errors.Add(HttpUrls.LooksAbsolute(url)
                ? $"{p}.Url: '{SecretRedactor.RedactUrl(url)}' is not an absolute http(s) URL"
                : $"{p}.Url: '{SecretRedactor.RedactUrl(url)}' is not a valid relative URL");
        }

        ValidateHeaders(request.Headers, p, errors);

        if (request.ContentType is not null && !MediaTypeHeaderValue.TryParse(request.ContentType, out _))
        {
            errors.Add($"{p}.ContentType: '{request.ContentType}' is not a media type (e.g. application/json)");
        }

        for (var j = 0; j < (request.Checks?.Count ?? 0); j++)
        {
            if (!HttpCheck.TryParse(request.Checks![j] ?? "", out _, out var error))
            {
                errors.Add($"{p}.Checks[{j.ToString(CultureInfo.InvariantCulture)}]: {error!.Message}");
            }
        }

        if (request.BearerTokenFrom is not null && string.IsNullOrWhiteSpace(request.BearerTokenFrom))
        {
            errors.Add($"{p}.BearerTokenFrom: is empty (the JSON property of the body holding the token, e.g. 'token')");
        }

        if (request.ThinkTime is not null && !DurationParser.TryParse(request.ThinkTime, out _, out var thinkError))
        {
            errors.Add($"{p}.ThinkTime: {thinkError}");
        }
    }
}
