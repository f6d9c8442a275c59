namespace LoadHarness.Cli.Tests.Fixtures;

/// <summary>Runs the command's real entry point in-process and captures what it printed.</summary>
public static class CliRunner
{
    public static async Task<CliOutcome> RunAsync(params string[] args) => await RunAsync(CancellationToken.None, args);

    public static async Task<CliOutcome> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var exit = await CliApp.RunAsync(args, output, error, cancellationToken);
        return new CliOutcome(exit, output.ToString(), error.ToString(), started.Elapsed);
    }
}

public sealed record CliOutcome(int ExitCode, string Out, string Err, TimeSpan Elapsed)
{
    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:0.0} s\n--- out ---\n{Out}\n--- err ---\n{Err}";
}
