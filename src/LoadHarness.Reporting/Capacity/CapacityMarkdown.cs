using System.Text;
using LoadHarness.Reporting.Markdown;

namespace LoadHarness.Reporting.Capacity;

/// <summary>capacity.md: the answer, Little's law, the step table and the search's settings (for a CI summary or a PR comment).</summary>
internal static class CapacityMarkdown
{
    public const string FileName = "capacity.md";
    public const string KneeImage = "capacity-knee.png";

    public static string Render(CapacityResult result, bool withKneeImage)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(result.Answer.SustainableStep is null ? "❌ " : "✅ ").Append(CapacityText.Headline(result)).Append(" — ")
          .Append(MarkdownTable.Escape(result.Test.TestName)).Append(" · ").Append(MarkdownTable.Escape(result.Scenario)).Append("\n\n");
        sb.Append("**").Append(MarkdownTable.Escape(CapacityText.AnswerLine(result))).Append("**\n\n");
        sb.Append("> ").Append(MarkdownTable.Escape(result.Answer.Reason)).Append("\n\n");
        if (CapacityText.Planning(result) is { } planning)
        {
            sb.Append(MarkdownTable.Escape(planning)).Append(".\n\n");
        }

        if (withKneeImage)
        {
            sb.Append("![Knee](").Append(KneeImage).Append(")\n\n");
        }

        sb.Append("## Steps\n\n");
        var table = new MarkdownTable([.. CapacityRows.StepColumns, ("result.json", false)]);
        foreach (var step in result.Steps)
        {
            table.Row([.. CapacityRows.Step(result, step).Select(c => c.Text), step.ResultPath ?? ""]);
        }

        table.AppendTo(sb);
        sb.Append("Each step's figures are its measured part (the warm-up is not recorded). "
            + "`loadharness report <step>/result.json` renders a step's full report; `loadharness compare` and `trend` read them too.\n\n");
        sb.Append("## Search\n\n");
        var settings = new MarkdownTable(("", false), ("", false));
        foreach (var (key, value) in CapacityRows.Settings(result))
        {
            settings.Row("**" + key + "**", value);
        }

        settings.AppendTo(sb);
        return sb.ToString().TrimEnd('\n') + "\n";
    }
}
