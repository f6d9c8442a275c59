using System.Text.RegularExpressions;

namespace LoadHarness.Http;

/// <summary>URL rules shared by targets and config validation.</summary>
public static partial class HttpUrls
{
    /// <summary>True when the text starts with a scheme ("htp:/x" too), so it must be judged as an absolute URL.</summary>
    public static bool LooksAbsolute(string url) => Scheme().IsMatch(url);

    public static bool TryParseAbsolute(string url, out Uri uri)
    {
        if (Uri.TryCreate(url.Trim(), UriKind.Absolute, out var parsed)
            && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
            && url.Contains("://", StringComparison.Ordinal)
            && parsed.Host.Length > 0)
        {
            uri = parsed;
            return true;
        }

        uri = null!;
        return false;
    }

    public static bool IsValidRelative(string url) =>
        url.Length > 0 && !url.Any(char.IsWhiteSpace) && Uri.TryCreate(url, UriKind.Relative, out _);

    /// <summary>Base <c>http://h/api</c> + <c>/users?x=1</c> = <c>http://h/api/users?x=1</c>.</summary>
    public static Uri Append(Uri baseUri, string relative)
    {
        var left = baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        var right = relative.TrimStart('/');
        var combined = right.Length == 0 || right[0] == '?' ? left + (right.Length == 0 ? "/" : "/" + right) : left + "/" + right;
        return new Uri(combined, UriKind.Absolute);
    }

    [GeneratedRegex(@"^\s*[a-zA-Z][a-zA-Z0-9+.\-]*:", RegexOptions.CultureInvariant)]
    private static partial Regex Scheme();
}
