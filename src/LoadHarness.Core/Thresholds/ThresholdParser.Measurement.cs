namespace LoadHarness.Core.Thresholds;

/// <summary>The measurement grammar of <see cref="ThresholdParser"/>: a named figure of the run (<c>db.*</c>, <c>app.*</c>, <c>explain(...)</c>).</summary>
internal sealed partial class ThresholdParser
{
    /// <summary>
    /// <c>name[(argument)][.more] [':' stat] op number [ms | s | %]</c>: a named measurement, its own value or (with a
    /// statistic: p(N), avg/mean, med, min, max) a statistic of it.
    /// </summary>
    private ThresholdExpression ParseMeasurement()
    {
        var start = pos;
        NameChars();
        if (Peek('('))
        {
            var open = pos++;
            while (pos < text.Length && text[pos] != ')')
            {
                pos++;
            }

            if (!Peek(')') || pos == open + 1)
            {
                throw ErrorAt(open, "expected '(name)' after the measurement's name");
            }

            pos++;
            NameChars();
        }

        var name = text[start..pos];
        if (name.EndsWith('.') || name.Contains("..", StringComparison.Ordinal))
        {
            throw ErrorAt(start, $"'{name}' is not a measurement name (e.g. db.index_hit_ratio, db.seq_scans(notifications), explain(unread_count))");
        }

        SkipSpaces();
        var stat = ThresholdStat.Value;
        double percentile = 0;
        if (Peek(':'))
        {
            pos++;
            SkipSpaces();
            var statPos = pos;
            (stat, percentile, _) = Stat();
            if (stat is not (ThresholdStat.Percentile or ThresholdStat.Avg or ThresholdStat.Med or ThresholdStat.Min or ThresholdStat.Max))
            {
                throw ErrorAt(statPos, $"statistic {stat.ToString().ToLowerInvariant()} does not apply to a measurement (p(N), avg, med, min, max)");
            }

            SkipSpaces();
        }

        var (op, limit, unit, unitPos) = Comparison();

        ThresholdUnit? written = unit.ToLowerInvariant() switch
        {
            "" => null,
            "ms" => ThresholdUnit.Milliseconds,
            "s" => ThresholdUnit.Milliseconds,
            "%" => ThresholdUnit.Percent,
            _ => throw ErrorAt(unitPos, $"unit '{unit}' does not fit a measurement (ms, s or %)"),
        };
        if (unit.Equals("s", StringComparison.OrdinalIgnoreCase))
        {
            limit *= 1000;
        }

        SkipSpaces();
        if (pos < text.Length)
        {
            throw Error($"unexpected '{text[pos..]}'");
        }

        return new ThresholdExpression(ThresholdMetric.Measurement, stat, percentile, null, op, limit, text)
        {
            Measurement = name,
            WrittenUnit = written,
        };
    }

    private void NameChars()
    {
        while (pos < text.Length && (char.IsAsciiLetterOrDigit(text[pos]) || text[pos] is '_' or '.'))
        {
            pos++;
        }
    }
}
