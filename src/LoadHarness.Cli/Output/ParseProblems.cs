using System.CommandLine;
using System.CommandLine.Parsing;
using LoadHarness.Core.Parsing;

namespace LoadHarness.Cli.Output;

/// <summary>
/// The command line's parse errors as a user reads them: a token no verb or option knows is named once, with what it
/// may have meant (<c>unknown option '--vu' for `run` (did you mean '--vus'?)</c>), instead of the parser's
/// "Unrecognized command or argument" plus a "Required command was not provided" that the unknown verb caused.
/// </summary>
internal static class ParseProblems
{
    public static IReadOnlyList<string> Describe(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return DescribeAll(parse).ToList();
    }

    private static IEnumerable<string> DescribeAll(ParseResult parse)
    {
        var command = parse.CommandResult.Command;

        // The verbs' arguments are files, so the parser takes a mistyped option there for one (`compare a b
        // --fail-on-regresion 10`): a value that looks like an option and names no file is told as the option it is.
        var unmatched = parse.UnmatchedTokens.Concat(parse.CommandResult.Children.OfType<ArgumentResult>()
            .SelectMany(a => a.Tokens).Select(t => t.Value)
            .Where(v => v.Length > 1 && v.StartsWith('-') && !File.Exists(v) && !Directory.Exists(v))).ToList();
        for (var i = 0; i < unmatched.Count; i++)
        {
            var token = unmatched[i];
            var isOption = token.StartsWith('-');
            if (!isOption && i > 0 && unmatched[i - 1].StartsWith('-'))
            {
                continue; // the unknown option's value, most likely (--vu 5): one line for the two
            }

            var candidates = isOption
                ? command.Options.Concat(parse.RootCommandResult.Command.Options.Where(o => o.Recursive)).Distinct()
                    .Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name))
                : command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name);
            var kind = isOption ? "option" : command.Subcommands.Count > 0 ? "verb" : "argument";
            var suggestion = isOption && token.Length <= 2 ? null : NameSuggester.Closest(token, candidates); // '-x' is one letter from every short alias
            yield return $"unknown {kind} '{token}'" + (command is RootCommand ? "" : $" for `{command.Name}`")
                + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)");
        }

        foreach (var error in parse.Errors)
        {
            // Told above: the parser's own line for each unknown token, and the missing verb an unknown one stood for.
            if (unmatched.Any(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal))
                || (unmatched.Count > 0 && error.SymbolResult is CommandResult { Command: RootCommand }))
            {
                continue;
            }

            // `loadharness` alone: which verbs there are, rather than "Required command was not provided".
            if (error.SymbolResult is CommandResult { Command: RootCommand root } && parse.CommandResult.Command == root && root.Subcommands.Count > 0)
            {
                yield return "give a verb: " + string.Join(", ", root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
                continue;
            }

            yield return Conversion(error) ?? error.Message;
        }
    }

    /// <summary>
    /// "--vus: 'abc' is not a whole number" for the parser's "Cannot parse argument 'abc' for option '--vus' as expected
    /// type 'System.Nullable`1[System.Int32]'": the option and the value, without .NET's type names. Null for other errors.
    /// </summary>
    private static string? Conversion(ParseError error)
    {
        if (error.SymbolResult is not OptionResult { Option: var option } result
            || !error.Message.StartsWith("Cannot parse argument", StringComparison.Ordinal))
        {
            return null;
        }

        var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        var what = type == typeof(int) || type == typeof(long) ? "a whole number"
            : type == typeof(double) || type == typeof(decimal) || type == typeof(float) ? "a number"
            : null;
        if (what is null)
        {
            return null;
        }

        var value = result.Tokens.FirstOrDefault(t => error.Message.Contains($"'{t.Value}'", StringComparison.Ordinal))?.Value
            ?? result.Tokens.LastOrDefault()?.Value ?? "";
        return $"{option.Name}: '{value}' is not {what}";
    }

    /// <summary>Where to read more: the verb's own help when the line got as far as a verb.</summary>
    public static string HelpHint(ParseResult parse) =>
        parse.CommandResult.Command is RootCommand ? "see `loadharness --help` or `loadharness <verb> --help`" : $"see `loadharness {parse.CommandResult.Command.Name} --help`";
}
