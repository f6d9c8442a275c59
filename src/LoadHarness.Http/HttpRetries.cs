using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace LoadHarness.Http;

/// <summary>
/// Requests sent a second time, on a new connection, because the kept-alive connection they went out on turned out
/// closed by the server before any byte of the response came back (idempotent requests only, see
/// <see cref="HttpRequestTemplate.Idempotent"/>). Counted per scenario and step since the process started, by both
/// transports; a retry that succeeded is not a failure, so this is where it shows. Requests nothing of which had been
/// sent are sent again without being counted (a connection found closed before use is simply not used).
/// </summary>
public static class HttpRetries
{
    private static readonly ConcurrentDictionary<(string Scenario, string Step), StrongBox<long>> Counts = new();

    /// <summary>Retries of every step of <paramref name="scenario"/>.</summary>
    public static long OfScenario(string scenario) =>
        Counts.Where(c => c.Key.Scenario == scenario).Sum(c => Volatile.Read(ref c.Value.Value));

    public static long Of(string scenario, string step) =>
        Counts.TryGetValue((scenario, step), out var count) ? Volatile.Read(ref count.Value) : 0;

    /// <summary>Every (scenario, step) that retried, with its count.</summary>
    public static IReadOnlyDictionary<(string Scenario, string Step), long> Snapshot() =>
        Counts.ToDictionary(c => c.Key, c => Volatile.Read(ref c.Value.Value));

    internal static void Count(string scenario, string step) =>
        Interlocked.Increment(ref Counts.GetOrAdd((scenario, step), static _ => new StrongBox<long>()).Value);
}
