using System.Globalization;

namespace LoadHarness.Core.Results;

/// <summary>How busy the load generator itself was (<see cref="EnvironmentInfo.GeneratorCpuCores"/>), for the summary and the reports.</summary>
public static class GeneratorLoad
{
    /// <summary>From this share of the machine's cores on, the generator is called near its limit.</summary>
    public const double NearLimitShare = 0.85;

    public const string Warning =
        "the load generator was near its CPU limit: latencies and throughput may measure LoadHarness, not the target "
        + "(fewer VUs per process, \"Transport\": \"raw\", --inline-socket-completions, or execution segments on more machines)";

    /// <summary>"1.09 of 2 cores (55 %)".</summary>
    public static string Describe(double cores, int processorCount) =>
        string.Create(CultureInfo.InvariantCulture, $"{cores:0.00} of {processorCount} cores ({(processorCount > 0 ? cores / processorCount * 100 : 0):0} %)");

    public static bool IsNearLimit(double cores, int processorCount) => processorCount > 0 && cores >= NearLimitShare * processorCount;

    /// <summary>CPU seconds ÷ wall seconds, rounded to hundredths; null for a zero-length interval.</summary>
    public static double? Cores(TimeSpan cpu, TimeSpan wall) =>
        wall > TimeSpan.Zero ? Math.Round(cpu.TotalSeconds / wall.TotalSeconds, 2) : null;
}
