using System.Text.RegularExpressions;

namespace LoadHarness.Cli.Output;

/// <summary>Removes passwords (connection strings, URL user info) and Authorization values from anything the command prints or writes.</summary>
internal static partial class Redactor
{
    public const string Mask = "***";

    /// <summary>A connection string with its password masked (keys and everything else kept as written).</summary>
    public static string ConnectionString(string? connectionString) =>
        string.IsNullOrWhiteSpace(connectionString) ? "" : Text(connectionString);

    /// <summary>A URL without user info (user:password@).</summary>
    public static string Url(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "";
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString()
            : Text(url);
    }

    /// <summary>Free text (messages, echoed config): password=..., Authorization: ... and user:password@ masked.</summary>
    public static string Text(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        text = PasswordPair().Replace(text, m => m.Groups[1].Value + Mask);
        text = AuthorizationHeader().Replace(text, m => m.Groups[1].Value + Mask);
        return UrlUserInfo().Replace(text, m => m.Groups[1].Value + Mask + "@");
    }

    [GeneratedRegex(@"((?:password|pwd)\s*=\s*)(?:""[^""]*""|'[^']*'|[^;""'\s]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordPair();

    [GeneratedRegex(@"(""?(?:authorization|proxy-authorization)""?\s*[:=]\s*""?)(?:[^""\r\n,}]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationHeader();

    [GeneratedRegex(@"(\b[a-z][a-z0-9+.-]*://[^/\s:@]+:)[^/\s@]+@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlUserInfo();
}
