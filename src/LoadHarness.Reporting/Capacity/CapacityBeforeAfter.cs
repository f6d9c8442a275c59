using System.Globalization;
using System.Text;
using LoadHarness.Reporting.Formatting;

namespace LoadHarness.Reporting.Capacity;

/// <summary>
/// <c>capacity --before-after</c> in one table: the seed's story told as capacity — the highest load the gate held
/// without the index migration and with it, its throughput, p95 and errors, the first failing load, and the change in
/// headroom. Markdown (capacity-before-after.md, printed by the command).
/// </summary>
public static class CapacityBeforeAfter
{
    public static string Markdown(CapacityResult before, CapacityResult after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var s = new StringBuilder();
        s.Append("## Capacity before/after the index migration: ").Append(after.Scenario).Append("\n\n");
        s.Append("Gate: ").Append(string.Join(", ", after.Gate.Select(g => "`" + g + "`"))).Append("\n\n");
        s.Append("| | before (no migration) | after (migration applied) | change |\n| --- | ---: | ---: | ---: |\n");
        Row(s, "sustainable load", Load(before), Load(after), Change(before.Sustainable?.Load, after.Sustainable?.Load));
        Row(s, "requests/s at that load", Rate(before.Sustainable?.RequestsPerSec), Rate(after.Sustainable?.RequestsPerSec),
            Change(before.Sustainable?.RequestsPerSec, after.Sustainable?.RequestsPerSec));
        Row(s, "p95 at that load", Ms(before.Sustainable?.P95Ms), Ms(after.Sustainable?.P95Ms), "");
        Row(s, "errors at that load", Errors(before.Sustainable?.ErrorRate), Errors(after.Sustainable?.ErrorRate), "");
        Row(s, "first failing load", Failing(before), Failing(after), "");
        Row(s, "outcome", CapacityText.Headline(before), CapacityText.Headline(after), "");
        Row(s, "steps run", Count(before), Count(after), "");
        s.Append('\n').Append(Sentence(before, after)).Append('\n');
        return s.ToString();
    }

    /// <summary>"The migration raised the sustainable load from 20 VUs to 140 VUs (×7.0)." and its variants.</summary>
    public static string Sentence(CapacityResult before, CapacityResult after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return (before.Sustainable, after.Sustainable) switch
        {
            (null, null) => "Neither search found a load that held the gate.",
            (null, { } a) => $"Without the migration no load held the gate; with it, {CapacityText.Load(after, a)}.",
            ({ } b, null) => $"With the migration no load held the gate; without it, {CapacityText.Load(before, b)}.",
            ({ } b, { } a) => $"The migration {(a.Load >= b.Load ? "raised" : "lowered")} the sustainable load from {CapacityText.Load(before, b)} to "
                + $"{CapacityText.Load(after, a)}"
                + (b.Load > 0 ? " (×" + ((double)a.Load / b.Load).ToString("0.0#", CultureInfo.InvariantCulture) + ")" : "")
                + (after.Answer.Outcome == Core.Capacity.SearchOutcome.LimitReached ? "; the 'after' search reached its maximum, so the real gain is at least that" : "")
                + ".",
        };
    }

    private static void Row(StringBuilder s, string name, string before, string after, string change) =>
        s.Append("| ").Append(name).Append(" | ").Append(before).Append(" | ").Append(after).Append(" | ").Append(change).Append(" |\n");

    private static string Load(CapacityResult r) => r.Sustainable is { } s ? CapacityText.Describe(r.Model, s.Load) : "none";

    private static string Failing(CapacityResult r) => r.FirstFailing is { } f
        ? $"{CapacityText.Describe(r.Model, f.Load)} ({(r.Answer.Crossed.Count > 0 ? string.Join(", ", r.Answer.Crossed) + " crossed" : r.Answer.Reason)})"
        : "none found";

    private static string Rate(double? v) => v is { } x ? NumberText.Rate(x) : "—";

    private static string Ms(double? v) => v is { } x ? NumberText.Ms(x) + " ms" : "—";

    private static string Errors(double? v) => v is { } x ? CapacityText.Errors(x) : "—";

    private static string Count(CapacityResult r) => r.Steps.Count.ToString(CultureInfo.InvariantCulture);

    private static string Change(double? before, double? after) =>
        before is { } b && after is { } a && b > 0 ? ((a - b) / b * 100).ToString("+0;-0;0", CultureInfo.InvariantCulture) + " %" : "";
}
