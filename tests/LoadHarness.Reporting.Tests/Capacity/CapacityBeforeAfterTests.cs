using System.Globalization;
using LoadHarness.Core.Capacity;
using LoadHarness.Reporting.Capacity;

namespace LoadHarness.Reporting.Tests.Capacity;

/// <summary><c>capacity --before-after</c>'s table and sentence from two searches' results.</summary>
public sealed class CapacityBeforeAfterTests
{
    [Fact]
    public void The_table_shows_both_sustainable_loads_their_figures_and_the_change_in_invariant_numbers()
    {
        var after = CapacityResults.Knee();
        var before = WithAnswer(after, sustainableStep: 2, firstFailingStep: 3);
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var markdown = CapacityBeforeAfter.Markdown(before, after);

            Assert.Contains("| sustainable load | 100 VUs | 275 VUs | +175 % |", markdown, StringComparison.Ordinal);
            Assert.Contains("| first failing load | 150 VUs (p(95) < 300 crossed) | 287 VUs (p(95) < 300 crossed) |  |", markdown, StringComparison.Ordinal);
            Assert.Contains("Gate: `p(95) < 300`, `rate < 0.01`", markdown, StringComparison.Ordinal);
            Assert.Contains("The migration raised the sustainable load from 100 VUs, ", markdown, StringComparison.Ordinal);
            Assert.Contains("(×2.75).", markdown, StringComparison.Ordinal);
            Assert.DoesNotContain("2,75", markdown, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void No_load_held_before_is_said_in_words_not_as_a_ratio()
    {
        var after = CapacityResults.Knee();
        var before = after with { Answer = after.Answer with { Outcome = SearchOutcome.FirstStepFailed, SustainableStep = null, FirstFailingStep = 1 } };

        var markdown = CapacityBeforeAfter.Markdown(before, after);

        Assert.Contains("| sustainable load | none | 275 VUs |  |", markdown, StringComparison.Ordinal);
        Assert.Contains("| outcome | NO LOAD HELD | KNEE FOUND |  |", markdown, StringComparison.Ordinal);
        Assert.Contains("Without the migration no load held the gate; with it, 275 VUs, ", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("×", markdown, StringComparison.Ordinal);
    }

    private static CapacityResult WithAnswer(CapacityResult result, int sustainableStep, int firstFailingStep) =>
        result with { Answer = result.Answer with { SustainableStep = sustainableStep, FirstFailingStep = firstFailingStep } };
}
