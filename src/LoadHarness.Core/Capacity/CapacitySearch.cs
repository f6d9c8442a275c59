using System.Globalization;

namespace LoadHarness.Core.Capacity;

/// <summary>
/// The capacity search policy, pure: step results in, next load out. No clock, no I/O: the command runs each step
/// (a real run of the scenario) and hands back its <see cref="StepObservation"/>.
/// <list type="number">
/// <item>Ramp: the first load, then +Step a step, until a step crosses the gate or <see cref="CapacitySearchOptions.MaxLoad"/> holds it.</item>
/// <item>Bisect between the last good and the first failing load until they are within the resolution.</item>
/// <item>Stop at once, and say so, when errors explode (no bisection against a system that is down) or when the
/// generator is the limit (the figures would describe LoadHarness, not the target; the answer is a lower bound).</item>
/// </list>
/// <para>
/// Noise. A noisy plateau (p95 wandering around the gate's limit, a shared machine's hiccup) must not produce a false
/// knee. Two defences, both here by design: the gate is judged on each step's measured part only (its warm-up part is
/// never recorded, so pools, JIT and caches settle and a queue left by the previous step drains before measuring), and
/// a load is failing only when two runs in a row cross the gate: a crossing followed by a clean run at the same load
/// is counted as noise and the load as good (<see cref="StepPhase.Confirm"/>; turn off with
/// <see cref="CapacitySearchOptions.ConfirmFailures"/>). Exploding errors and a generator limit are not confirmed.
/// </para>
/// The system is assumed monotone: a load above a failing one fails, a load below a good one holds.
/// </summary>
public sealed class CapacitySearch
{
    private readonly List<StepRecord> steps = [];
    private CapacityDecision? pending;
    private StepRecord? lastGood;
    private StepRecord? firstBad;
    private bool bisecting;

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem of invalid options.</summary>
    public CapacitySearch(CapacitySearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }

        Options = options;
    }

    public CapacitySearchOptions Options { get; }

    /// <summary>Every step run so far, in order.</summary>
    public IReadOnlyList<StepRecord> Steps => steps;

    /// <summary>The answer once the search has finished, else null.</summary>
    public CapacityAnswer? Answer { get; private set; }

    /// <summary>The first step to run.</summary>
    public CapacityDecision Start()
    {
        if (pending is not null)
        {
            throw new InvalidOperationException("the search has already started");
        }

        return pending = Run(Options.FirstLoad, StepPhase.Ramp, "first step");
    }

    /// <summary>Records what the pending step measured and decides the next load (or stops).</summary>
    public CapacityDecision Next(StepObservation observed)
    {
        ArgumentNullException.ThrowIfNull(observed);
        if (pending is null || pending.IsFinished)
        {
            throw new InvalidOperationException(pending is null ? "call Start() first" : "the search has finished");
        }

        if (observed.Load != pending.Load)
        {
            throw new ArgumentException(Invariant($"the search asked for {Describe(pending.Load)}, the step ran {Describe(observed.Load)}"), nameof(observed));
        }

        var record = new StepRecord(steps.Count + 1, pending.Phase, observed, StepJudge.Judge(observed, Options));
        steps.Add(record);
        return pending = Decide(record);
    }

    /// <summary>
    /// Stops the search between steps (Ctrl+C, or <paramref name="reason"/>: a step that could not be run): the answer
    /// keeps what the steps so far found.
    /// </summary>
    public CapacityAnswer Interrupt(string? reason = null)
    {
        if (Answer is null)
        {
            pending = Finish(SearchOutcome.Interrupted, reason ?? "interrupted" + (steps.Count == 0 ? " before the first step" : Invariant($" after {steps.Count} steps")));
        }

        return Answer!;
    }

    private CapacityDecision Decide(StepRecord step)
    {
        var load = Describe(step.Load);
        switch (step.Judgement.Verdict)
        {
            case StepVerdict.Interrupted:
                return Finish(SearchOutcome.Interrupted, $"interrupted during the step at {load}");
            case StepVerdict.GeneratorLimited:
                return Finish(SearchOutcome.GeneratorLimited, $"stopped at {load}: {step.Judgement.Reason}"
                    + (lastGood is null ? "" : $"; the capacity is at least {Describe(lastGood.Load)}"));
            case StepVerdict.ErrorsExploded:
                firstBad = firstBad is null || step.Load < firstBad.Load ? step : firstBad;
                return Finish(SearchOutcome.ErrorsExploded, $"stopped at {load}: {step.Judgement.Reason} (no bisection against a failing system)");
            case StepVerdict.Failed:
                if (Options.ConfirmFailures && step.Phase != StepPhase.Confirm)
                {
                    return Next(step.Load, StepPhase.Confirm, $"{load} crossed the gate once; running it again to tell a knee from noise");
                }

                firstBad = firstBad is null || step.Load < firstBad.Load ? step : firstBad;
                return Bisect();
            default:
                if (lastGood is null || step.Load >= lastGood.Load)
                {
                    lastGood = step;
                }

                var noise = step.Phase == StepPhase.Confirm ? $"{load} held on its second run: the first crossing was noise; " : "";
                if (bisecting)
                {
                    return Bisect(noise);
                }

                if (step.Load >= Options.MaxLoad)
                {
                    return Finish(SearchOutcome.LimitReached, $"{noise}the maximum load, {load}, held the gate: the capacity is at least that (raise the maximum to find the knee)");
                }

                return Next(Math.Min(step.Load + Options.Step, Options.MaxLoad), StepPhase.Ramp, noise + $"{load} held the gate; one step up");
        }
    }

    private CapacityDecision Bisect(string prefix = "")
    {
        bisecting = true;
        if (lastGood is null)
        {
            return Finish(SearchOutcome.FirstStepFailed, $"even the first step, {Describe(firstBad!.Load)}, crossed the gate"
                + (Options.ConfirmFailures ? " (twice)" : "") + ": " + firstBad.Judgement.Reason);
        }

        var gap = firstBad!.Load - lastGood.Load;
        if (gap <= Options.Resolution.Width(lastGood.Load))
        {
            return Finish(SearchOutcome.KneeFound, prefix + $"the knee lies between {Describe(lastGood.Load)} (held) and {Describe(firstBad.Load)} (crossed; resolution {Options.Resolution})");
        }

        var middle = lastGood.Load + (gap / 2);
        return Next(middle, StepPhase.Bisect, prefix + $"halfway between {Describe(lastGood.Load)} (held) and {Describe(firstBad.Load)} (crossed)");
    }

    private CapacityDecision Next(int load, StepPhase phase, string why) =>
        steps.Count >= Options.MaxSteps
            ? Finish(SearchOutcome.StepBudgetSpent, Invariant($"the step budget ({Options.MaxSteps} runs) is spent; the next run would have been {Describe(load)}"))
            : Run(load, phase, why);

    private static CapacityDecision Run(int load, StepPhase phase, string why) => CapacityDecision.Run(load, phase, why);

    private CapacityDecision Finish(SearchOutcome outcome, string reason)
    {
        Answer = new CapacityAnswer { Outcome = outcome, Sustainable = lastGood, FirstFailing = firstBad, Reason = reason };
        return CapacityDecision.Stop(Answer);
    }

    private string Describe(int load) => Options.Describe(load);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
