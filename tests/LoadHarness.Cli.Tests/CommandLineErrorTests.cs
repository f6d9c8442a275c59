using LoadHarness.Cli.Tests.Fixtures;

namespace LoadHarness.Cli.Tests;

/// <summary>A mistyped verb or option: exit 2, one line naming it and what it may have meant, no parser noise.</summary>
public sealed class CommandLineErrorTests
{
    [Theory]
    [InlineData("", "loadharness: give a verb: run, report, list, validate, merge, compare, audit, bench-queries, capacity, trend\n")]
    [InlineData("rn", "loadharness: unknown verb 'rn' (did you mean 'run'?)")]
    [InlineData("frobnicate", "loadharness: unknown verb 'frobnicate'\n")]
    [InlineData("run --url http://127.0.0.1:9/ --vu 5", "loadharness: unknown option '--vu' for `run` (did you mean '--vus'?)\n")]
    [InlineData("compare a.json b.json --fail-on-regresion 10", "loadharness: unknown option '--fail-on-regresion' for `compare` (did you mean '--fail-on-regression'?)")]
    [InlineData("trend reports -x", "loadharness: unknown option '-x' for `trend`\n")]
    [InlineData("validate --verbos", "loadharness: unknown option '--verbos' for `validate` (did you mean '--verbose'?)")]
    public async Task A_mistyped_verb_or_option_is_named_once_with_a_suggestion(string commandLine, string expected)
    {
        var outcome = await CliRunner.RunAsync(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Contains(expected, outcome.Err.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("Required command was not provided", outcome.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("Unrecognized command or argument", outcome.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("'5'", outcome.Err, StringComparison.Ordinal);
        var verb = commandLine.Split(' ')[0];
        Assert.Contains(verb is "run" or "compare" or "trend" or "validate" ? $"see `loadharness {verb} --help`" : "see `loadharness --help`", outcome.Err, StringComparison.Ordinal);
    }
}
