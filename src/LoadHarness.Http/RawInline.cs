namespace LoadHarness.Http;

/// <summary>
/// Whether scenarios that carry no user code (the config's <c>Http</c> scenarios, <c>run --url</c>) run their raw
/// connections' continuations on the epoll thread (<see cref="HttpTargetOptions.InlineCompletions"/>).
/// <para>
/// By default yes on machines of up to <see cref="MaxDefaultCores"/> cores: there a thread hop per request is a large share
/// of the generator's CPU (measured on 2 cores: 13.9 µs per request inline), and one thread is half the machine. On more
/// cores one thread running every iteration would cap the generator at one core while the machine looks idle, so the
/// continuations stay on the thread pool. <c>LOADHARNESS_RAW_INLINE=1</c> or <c>=0</c> decides instead.
/// </para>
/// </summary>
public static class RawInline
{
    /// <summary>1/true: inline whatever the core count; 0/false: never (for scenarios without user code).</summary>
    public const string Variable = "LOADHARNESS_RAW_INLINE";

    /// <summary>The largest processor count at which scenarios without user code run inline by default.</summary>
    public const int MaxDefaultCores = 2;

    /// <summary>The setting for scenarios without user code, from <see cref="Variable"/> or the processor count.</summary>
    public static bool ForScenariosWithoutUserCode => Decide(Environment.GetEnvironmentVariable(Variable), Environment.ProcessorCount);

    /// <summary>What <see cref="ForScenariosWithoutUserCode"/> answers for this variable value and processor count.</summary>
    public static bool Decide(string? variable, int processorCount) =>
        variable?.Trim().ToLowerInvariant() switch
        {
            "1" or "true" => true,
            "0" or "false" => false,
            _ => processorCount <= MaxDefaultCores,
        };

    /// <summary>For the result's environment: "1" or "0".</summary>
    public static string Describe() => ForScenariosWithoutUserCode ? "1" : "0";
}
