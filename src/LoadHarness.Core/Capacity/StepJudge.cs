using System.Globalization;
using LoadHarness.Core.Results;

namespace LoadHarness.Core.Capacity;

/// <summary>
/// Judges one step, in this order: interrupted; errors exploded (the system is down: no generator figure matters);
/// the generator at its limit (CPU, or the open model's schedule not kept); the gate. A step the generator limited
/// says nothing about the target, so its gate outcome is not used.
/// </summary>
public static class StepJudge
{
    public static StepJudgement Judge(StepObservation step, CapacitySearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(options);
        if (step.Interrupted)
        {
            return new(StepVerdict.Interrupted, "interrupted", []);
        }

        if (step.Aborted || (step.Requests > 0 && step.ErrorRate >= options.ErrorExplosionRate))
        {
            return new(StepVerdict.ErrorsExploded, Invariant(
                $"errors exploded: {step.ErrorRate * 100:0.#} % of {step.Requests} requests failed (explosion from {options.ErrorExplosionRate * 100:0.#} %){(step.Aborted ? "; step aborted" : "")}"), []);
        }

        if (GeneratorLimit(step, options) is { } reason)
        {
            return new(StepVerdict.GeneratorLimited, reason, []);
        }

        var crossed = step.Gate.Where(t => !t.Passed).ToArray();
        return crossed.Length == 0
            ? new(StepVerdict.Passed, step.Gate.Count == 0 ? "no gate thresholds" : "every gate threshold held", [])
            : new(StepVerdict.Failed, "crossed: " + string.Join("; ", crossed.Select(t => t.Expression + (t.NoData ? " (no data)" : $" ({t.Description})"))), crossed);
    }

    private static string? GeneratorLimit(StepObservation step, CapacitySearchOptions options)
    {
        if (step.GeneratorCpuCores is { } cores && step.ProcessorCount > 0 && cores >= options.GeneratorCpuShare * step.ProcessorCount)
        {
            return Invariant($"the generator was the limit: its CPU was {GeneratorLoad.Describe(cores, step.ProcessorCount)}, from {options.GeneratorCpuShare * 100:0} % of the cores on the figures measure LoadHarness, not the target");
        }

        if (options.Model != LoadModel.Open)
        {
            return null;
        }

        if (step.StartLatenessP95Ms is { } late && late > options.MaxStartLatenessMs)
        {
            return Invariant($"the generator was the limit: iterations started {late:0.#} ms behind their schedule (p95; limit {options.MaxStartLatenessMs:0.#} ms){LateCause(step)}");
        }

        // Dropped iterations mean every one of MaxVUs was busy. Where the gate was crossed too, that is the system
        // being slow (concurrency = rate × latency outgrew MaxVUs) and the step simply fails. Where the gate held, the
        // load was not really offered: the generator's cap, not the system, limited it.
        var offered = step.IterationsStarted + step.IterationsDropped;
        var share = offered == 0 ? 0 : (double)step.IterationsDropped / offered;
        if (share > options.MaxDroppedShare && step.Gate.All(t => t.Passed))
        {
            return Invariant($"the generator was the limit: {share * 100:0.#} % of the iterations were dropped (MaxVUs all busy) while the gate held; raise MaxVUs");
        }

        return null;
    }

    /// <summary>Why starts were late, from the step's own generator series: a stalled process, or work waiting for a thread.</summary>
    private static string LateCause(StepObservation step)
    {
        var causes = new List<string>();
        if (step.StallMaxMs is { } stall && stall >= StallWorthNamingMs)
        {
            causes.Add(Invariant($"the generator's process stalled up to {stall:0} ms (descheduled or paused: a busy machine)"));
        }

        if (step.ThreadPoolQueuePeak is { } queue && queue >= QueueWorthNaming)
        {
            causes.Add(Invariant($"up to {queue} work items waited for a thread-pool thread (threads blocked by synchronous waits, in the step code or the host)"));
        }

        return causes.Count == 0 ? "" : "; " + string.Join("; ", causes);
    }

    private const double StallWorthNamingMs = 100;
    private const long QueueWorthNaming = 10;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
