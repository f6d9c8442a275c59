using System.CommandLine;

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
