using System.Text.RegularExpressions;

namespace LoadHarness.Http;

/// <summary>Keeps credentials out of messages, consoles and files: URL userinfo, secret query values and secret headers.</summary>
public static partial class SecretRedactor
{
    public const string Mask = "***";

    private static readonly string[] SecretWords = ["auth", "token", "secret", "password", "passwd", "pwd", "cookie", "key", "signature", "credential", "session"];

    /// <summary>True for header or query names whose values are secrets (Authorization, Cookie, X-Api-Key, access_token, ...).</summary>
    public static bool IsSecretName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var word in SecretWords)
        {
            if (name.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The header's value, or <see cref="Mask"/> when the header carries a secret.</summary>
    public static string MaskHeader(string name, string? value) => IsSecretName(name) ? Mask : value ?? "";

    /// <summary>"http://user:pw@host/p?token=x&amp;a=1" → "http://***@host/p?token=***&amp;a=1". Text that is not a URL is returned as is.</summary>
    public static string RedactUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return url ?? "";
        }

        var result = UserInfo().Replace(url, "${scheme}" + Mask + "@");
        var query = result.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? result : result[..query] + SecretQueryValue().Replace(result[query..], m =>
            IsSecretName(m.Groups["name"].Value) ? m.Groups["lead"].Value + m.Groups["name"].Value + "=" + Mask : m.Value);
    }

    /// <summary>Redacts every URL with userinfo in free text (exception messages), and the given secret values.</summary>
    public static string RedactText(string? text, IEnumerable<string?>? secrets = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        var result = UserInfo().Replace(text, "${scheme}" + Mask + "@");
        result = BearerOrBasic().Replace(result, "${scheme} " + Mask);
        if (secrets is not null)
        {
            foreach (var secret in secrets)
            {
                if (!string.IsNullOrEmpty(secret) && secret.Length >= 4)
                {
                    result = result.Replace(secret, Mask, StringComparison.Ordinal);
                }
            }
        }

        return result;
    }

    [GeneratedRegex(@"(?<scheme>[a-zA-Z][a-zA-Z0-9+.\-]*://)[^/?#@\s]*@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();

    [GeneratedRegex(@"(?<lead>[?&;])(?<name>[^=&;#]+)=[^&;#]*", RegexOptions.CultureInvariant)]
    private static partial Regex SecretQueryValue();

    [GeneratedRegex(@"\b(?<scheme>Bearer|Basic)\s+[A-Za-z0-9\-._~+/=]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BearerOrBasic();
}
