namespace TargetApi.Http;

/// <summary>Reads the bearer token of a request.</summary>
public static class BearerToken
{
    private const int MaxLength = 512;

    /// <summary>The token, or null when the Authorization header is missing or not a usable bearer token.</summary>
    public static string? From(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[scheme.Length..].Trim();
        return token.Length is > 0 and <= MaxLength ? token : null;
    }
}
