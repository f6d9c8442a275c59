namespace LoadHarness.Cli;

/// <summary>The command's exit codes (ARCHITECTURE.md).</summary>
internal static class ExitCodes
{
    public const int Passed = 0;
    public const int HarnessError = 1;
    public const int InvalidInput = 2;
    /// <summary>The run passed its gate but its result.json could not be written where asked (saved to a temp folder instead).</summary>
    public const int ReportsNotWritten = 74;
    public const int ThresholdCrossed = 99;
    public const int Interrupted = 130;
}
