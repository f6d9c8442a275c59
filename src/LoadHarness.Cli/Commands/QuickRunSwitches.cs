using System.CommandLine;
using LoadHarness.Cli.Configuration;

namespace LoadHarness.Cli.Commands;

/// <summary>
/// The quick-run options <c>run</c> and <c>capacity</c> share (<c>--url</c> and <c>--think</c> worded per verb;
/// <c>--check</c>, <c>--follow-redirects</c>, <c>--insecure-skip-tls-verify</c>, <c>--method</c>, <c>--header</c>, <c>--body</c>),
/// read into one <see cref="QuickRunFlags"/>.
/// </summary>
internal sealed class QuickRunSwitches(Option<string?> config, Option<string?> url, Option<string?> think)
{
    public Option<string?> Url { get; } = url;

    public Option<string?> Think { get; } = think;

    public Option<string[]> Check { get; } = CommonOptions.Check();

    public Option<bool> FollowRedirects { get; } = CommonOptions.FollowRedirects();

    public Option<bool> Insecure { get; } = CommonOptions.InsecureSkipTlsVerify();

    public Option<string?> Timeout { get; } = new("--timeout")
    {
        Description = "Quick run: how long a request may wait for its answer, e.g. 5s (RequestTimeout; default 60s); a timeout is a failed request of kind 'timeout'.",
    };

    public Option<string?> Method { get; } = new("--method", "-X")
    {
        Description = "Quick run: the request's method, e.g. POST (default GET).",
    };

    public Option<string[]> Header { get; } = new("--header", "-H")
    {
        Description = "Quick run: a request header \"Name: value\", e.g. \"Authorization: Bearer abc\" (repeatable).",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string?> Body { get; } = new("--body", "-d")
    {
        Description = "Quick run: the request's body, or @file to send a file's (UTF-8, relative to the current folder). Sent as application/json unless --header gives a Content-Type.",
    };

    /// <summary>The flags given; a verb adds its own (run: --vus, --duration, --rate, --threshold) with <c>with</c>.</summary>
    public QuickRunFlags Read(ParseResult parse) => new()
    {
        Url = parse.GetValue(Url),
        Config = parse.GetValue(config),
        Think = parse.GetValue(Think),
        Checks = parse.GetValue(Check),
        FollowRedirects = parse.GetValue(FollowRedirects),
        Insecure = parse.GetValue(Insecure),
        Timeout = parse.GetValue(Timeout),
        Method = parse.GetValue(Method),
        Headers = parse.GetValue(Header),
        Body = parse.GetValue(Body),
    };
}
