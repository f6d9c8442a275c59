using System.Globalization;
using LoadHarness.Core.Capacity;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Formatting;

namespace LoadHarness.Reporting.Capacity;

/// <summary>The answer of a capacity search in words: the one line the console ends with, and the sentences every page shares.</summary>
public static class CapacityText
{
    /// <summary><c>sustainable: 150 VUs, 380 req/s (p95 42 ms, 0.0 % errors); first failing: 175 VUs, 430 req/s, p(95) &lt; 100 crossed</c>.</summary>
    public static string AnswerLine(CapacityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var s = result.Sustainable;
        var f = result.FirstFailing;
        var left = s is null
            ? "sustainable: none"
            : $"sustainable: {Load(result, s)} (p95 {NumberText.Ms(s.P95Ms)} ms, {Errors(s.ErrorRate)} errors)";
        var right = result.Answer.Outcome switch
        {
            SearchOutcome.LimitReached => $"no failing load up to the maximum, {Describe(result.Model, result.Settings.MaxLoad)}",
            SearchOutcome.GeneratorLimited => $"stopped: the generator, not the system, was the limit at {Describe(result.Model, result.Steps[^1].Load)}",
            SearchOutcome.Interrupted when f is null => "interrupted before a failing load",
            _ when f is null => "no failing load found",
            SearchOutcome.ErrorsExploded => $"first failing: {Load(result, f)}, errors exploded ({Errors(f.ErrorRate)})",
            _ => $"first failing: {Load(result, f)}, {string.Join(", ", result.Answer.Crossed)} crossed",
        };
        return left + "; " + right + (result.Answer.Outcome == SearchOutcome.Interrupted ? " (interrupted)" : "");
    }

    /// <summary>"150 VUs, 380 req/s" or "380 iterations/s, 379.6 req/s".</summary>
    public static string Load(CapacityResult result, CapacityStepResult step)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(step);
        return $"{Describe(result.Model, step.Load)}, {NumberText.Rate(step.RequestsPerSec)} req/s";
    }

    public static string Describe(LoadModel model, int load) => CapacitySearchOptions.Describe(model, load);

    /// <summary>An error rate as "0.0 %", one decimal at least (the console's answer line).</summary>
    public static string Errors(double rate) => (rate * 100).ToString("0.0#", CultureInfo.InvariantCulture) + " %";

    /// <summary>
    /// Little's law in a sentence: "380 req/s at a mean response time of 12 ms (p95 42 ms) ≈ 385 concurrent users with
    /// 1 s think time; the other way round, 100 such users need ≈ 98.8 req/s".
    /// </summary>
    public static string? Planning(CapacityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Planning is not { } p)
        {
            return null;
        }

        var sameRate = p.IterationsPerSec > 0 && Math.Abs(p.RequestsPerSec - p.IterationsPerSec) / p.IterationsPerSec < 0.01;
        var rate = sameRate
            ? $"{NumberText.Rate(p.RequestsPerSec)} req/s"
            : $"{NumberText.Rate(p.IterationsPerSec)} iterations/s ({NumberText.Rate(p.RequestsPerSec)} req/s)";
        var unit = sameRate ? "req/s" : "iterations/s";
        return $"{rate} at a mean response time of {NumberText.Ms(p.MeanMs)} ms (p95 {NumberText.Ms(p.P95Ms)} ms) ≈ "
            + $"{p.Users.ToString("#,0", CultureInfo.InvariantCulture)} concurrent users with {Seconds(p.ThinkTimeMs)} think time "
            + $"(Little's law: users = throughput × (response time + think time)); the other way round, 100 such users need ≈ "
            + $"{NumberText.Rate(p.IterationsPerSecPer100Users)} {unit}";
    }

    /// <summary>The outcome as a heading word: "CAPACITY FOUND", "NO LOAD HELD", ...</summary>
    public static string Headline(CapacityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Answer.Outcome switch
        {
            SearchOutcome.KneeFound => "KNEE FOUND",
            SearchOutcome.LimitReached => "HELD UP TO THE LIMIT",
            SearchOutcome.GeneratorLimited => "GENERATOR LIMIT",
            SearchOutcome.ErrorsExploded => result.Sustainable is null ? "NO LOAD HELD" : "ERRORS EXPLODED",
            SearchOutcome.FirstStepFailed => "NO LOAD HELD",
            SearchOutcome.StepBudgetSpent => "STEP BUDGET SPENT",
            _ => "INTERRUPTED",
        };
    }

    public static string Phase(StepPhase phase) => phase switch
    {
        StepPhase.Ramp => "ramp",
        StepPhase.Confirm => "confirm",
        _ => "bisect",
    };

    public static string Verdict(StepVerdict verdict) => verdict switch
    {
        StepVerdict.Passed => "held",
        StepVerdict.Failed => "crossed",
        StepVerdict.ErrorsExploded => "errors exploded",
        StepVerdict.GeneratorLimited => "generator limit",
        _ => "interrupted",
    };

    private static string Seconds(double ms) => (ms / 1000).ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
