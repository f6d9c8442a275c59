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
