namespace LoadHarness.Cli;

/// <summary>The command's exit codes (ARCHITECTURE.md).</summary>
internal static class ExitCodes
{
    public const int Passed = 0;
    public const int HarnessError = 1;
    public const int InvalidInput = 2;
    public const int ThresholdCrossed = 99;
    public const int Interrupted = 130;
}
