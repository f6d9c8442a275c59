using System.Globalization;
using LoadHarness.Core.Capacity;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Capacity;

namespace LoadHarness.Cli.Commands.Capacity;

/// <summary>What <c>capacity</c> prints: the plan, a line per step, and the answer ending with its one-line summary.</summary>
internal static class CapacityConsole
{
    public static void Plan(TextWriter output, CapacityPlan plan, IReadOnlyList<string> gate, string segmentSuffix)
    {
        var o = plan.Search;
        var model = o.Model == LoadModel.Closed ? Invariant($"closed model: +{o.Step} VUs") : Invariant($"open model: +{o.Step} iterations/s");
        output.WriteLine(
            $"capacity search on scenario {plan.Scenario} ({model} a step, from {o.Describe(o.FirstLoad)} up to {o.Describe(o.MaxLoad)}; "
            + $"each step {Seconds(plan.WarmUp)} warm-up + {Seconds(plan.StepDuration)} measured; "
            + $"bisect to {o.Resolution}{(o.ConfirmFailures ? ", a crossing confirmed by a second run" : "")}){segmentSuffix}");
        output.WriteLine("gate: " + string.Join(", ", gate));
    }

    public static void Starting(TextWriter output, int number, CapacityDecision decision, CapacitySearchOptions options) =>
        output.WriteLine(Invariant($"step {number} ({Phase(decision.Phase)}): {options.Describe(decision.Load)}: {decision.Why}"));

    public static void Done(TextWriter output, StepRecord step)
    {
        var o = step.Observation;
        var cpu = o.GeneratorCpuCores is { } cores ? Invariant($", generator CPU {cores:0.00} of {o.ProcessorCount} cores") : "";
        var late = o.StartLatenessP95Ms is { } l ? Invariant($", start lateness p95 {l:0.#} ms") : "";
        var dropped = o.IterationsDropped > 0 ? Invariant($", {o.IterationsDropped} dropped") : "";
        var figures = Invariant($"  → {o.RequestsPerSec:#,0.#} req/s, p95 {o.P95Ms:0.##} ms, p99 {o.P99Ms:0.##} ms");
        var verdict = CapacityText.Verdict(step.Judgement.Verdict) + (step.Judgement.Verdict == StepVerdict.Passed ? "" : " (" + step.Judgement.Reason + ")");
        output.WriteLine($"{figures}, {CapacityText.Errors(o.ErrorRate)} errors{cpu}{late}{dropped}: {verdict}");
    }

    public static void Answer(TextWriter output, CapacityResult result, string folder)
    {
        output.WriteLine();
        output.WriteLine($"{CapacityText.Headline(result)}: {result.Answer.Reason}");
        if (CapacityText.Planning(result) is { } planning)
        {
            output.WriteLine(planning);
        }

        output.WriteLine(Invariant($"{result.Steps.Count} steps in {result.DurationMs / 1000:0} s; report: {Path.Combine(folder, "capacity.html")}"));
        output.WriteLine(CapacityText.AnswerLine(result));
    }

    private static string Phase(StepPhase phase) => CapacityText.Phase(phase);

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
