using System.Globalization;
using System.Net;

namespace LoadHarness.Http.Scenarios;

/// <summary>
/// The requests of an <c>Http</c> scenario that asks for the raw transport (<c>"Transport": "raw"</c>) but go through
/// SocketsHttpHandler, each with the reason (https, redirects followed, decompression): for the command to say before the
/// run, since the raw transport speaks plain http:// and HTTP/1.x only. Empty when the scenario asks for sockets, leaves
/// the choice to <c>auto</c> (the default: falling back is what it means), or nothing falls back.
/// </summary>
public static class HttpTransportFallbacks
{
    public static IReadOnlyList<string> Of(HttpScenarioSettings settings, string? targetBaseUrl, string settingsPath = "Http")
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.AsksForRaw)
        {
            return [];
        }

        var options = new HttpTargetOptions
        {
            FollowRedirects = settings.FollowRedirects,
            AutomaticDecompression = settings.Decompress ? DecompressionMethods.All : DecompressionMethods.None,
        };
        var baseUrl = string.IsNullOrWhiteSpace(settings.BaseUrl) ? targetBaseUrl : settings.BaseUrl;
        var notes = new List<string>();
        for (var i = 0; i < settings.Requests.Count; i++)
        {
            var url = settings.Requests[i]?.Url?.Trim() ?? "";
            Uri? uri = HttpUrls.LooksAbsolute(url)
                ? (HttpUrls.TryParseAbsolute(url, out var absolute) ? absolute : null)
                : baseUrl is not null && HttpUrls.TryParseAbsolute(baseUrl, out var root) && HttpUrls.IsValidRelative(url) ? HttpUrls.Append(root, url) : null;
            if (uri is not null && Raw.RawClient.Unsupported(options, uri) is { } reason)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{settingsPath}.Requests[{i}] '{settings.Requests[i].Name}': sent through the sockets transport, not raw: {reason}"));
            }
        }

        return notes;
    }
}
