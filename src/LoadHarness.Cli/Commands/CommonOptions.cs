using System.CommandLine;
using System.Globalization;

namespace LoadHarness.Cli.Commands;

/// <summary>Options shared by several verbs.</summary>
internal static class CommonOptions
{
    public static Option<string?> Config(bool required = false) => new("--config", "-c")
    {
        Description = "The nbomber-config.json to use (JSON < LOADHARNESS__ environment variables < flags).",
        Required = required,
    };

    /// <summary>A quick run's check on every response (<c>run --url</c>, <c>capacity --url</c>).</summary>
    public static Option<string[]> Check() => new("--check")
    {
        Description = "Quick run: a check on every response, as an Http request's Checks, e.g. \"status == 200\" or \"body contains ok\" (repeatable; run gates on them with --threshold \"checks > 0.99\", capacity's default gate adds it).",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>A quick run that follows redirects (<c>run --url</c>, <c>capacity --url</c>).</summary>
    public static Option<bool> FollowRedirects() => new("--follow-redirects")
    {
        Description = "Quick run: follow 3xx redirects (as k6 and hey do by default); without it a redirect is an answer of its own. Goes through SocketsHttpHandler.",
    };

    /// <summary>A quick run that accepts any TLS certificate (k6's <c>--insecure-skip-tls-verify</c>).</summary>
    public static Option<bool> InsecureSkipTlsVerify() => new("--insecure-skip-tls-verify", "--insecure")
    {
        Description = "Quick run: accept any TLS certificate, e.g. a test server's self-signed one (k6's flag; AcceptAnyServerCertificate in an Http section).",
    };

    /// <summary>
    /// A decimal option read in the invariant culture without thousands separators: the parser's own would read
    /// <c>--rate 1,5</c> (a decimal comma) as 15, ten times the load asked for. A comma is an error naming the option.
    /// </summary>
    public static Option<double?> Number(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            {
                return value;
            }

            result.AddError($"{name}: '{text}' is not a number" + (text.Contains(',', StringComparison.Ordinal) ? " (decimals take a dot: 1.5; no thousands separators)" : ""));
            return null;
        },
    };

    public static Option<string?> Out(string description) => new("--out", "-o") { Description = description };

    public static Option<string[]> Formats(string description) => new("--formats")
    {
        Description = description + " Known: html, md, csv, txt, junit, png (summary.md with PNG charts instead of SVG) (comma- or space-separated).",
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>Values given as "a,b c" (commas or repeated) → one list; null when the option was not given.</summary>
    public static IReadOnlyList<string>? List(string[]? values) =>
        values is null || values.Length == 0
            ? null
            : values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
}
