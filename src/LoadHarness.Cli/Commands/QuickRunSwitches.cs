using System.CommandLine;
using LoadHarness.Cli.Configuration;

namespace LoadHarness.Cli.Commands;

/// <summary>
/// The quick-run options <c>run</c> and <c>capacity</c> share (<c>--url</c> and <c>--think</c> worded per verb;
/// <c>--check</c>, <c>--follow-redirects</c>, <c>--insecure-skip-tls-verify</c>), read into one <see cref="QuickRunFlags"/>.
/// </summary>
internal sealed class QuickRunSwitches(Option<string?> config, Option<string?> url, Option<string?> think)
{
    public Option<string?> Url { get; } = url;

    public Option<string?> Think { get; } = think;

    public Option<string[]> Check { get; } = CommonOptions.Check();

    public Option<bool> FollowRedirects { get; } = CommonOptions.FollowRedirects();

    public Option<bool> Insecure { get; } = CommonOptions.InsecureSkipTlsVerify();

    /// <summary>The flags given; a verb adds its own (run: --vus, --duration, --rate, --threshold) with <c>with</c>.</summary>
    public QuickRunFlags Read(ParseResult parse) => new()
    {
        Url = parse.GetValue(Url),
        Config = parse.GetValue(config),
        Think = parse.GetValue(Think),
        Checks = parse.GetValue(Check),
        FollowRedirects = parse.GetValue(FollowRedirects),
        Insecure = parse.GetValue(Insecure),
    };
}
