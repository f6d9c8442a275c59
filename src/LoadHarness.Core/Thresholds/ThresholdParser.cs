using System.Globalization;

namespace LoadHarness.Core.Thresholds;

/// <summary>Recursive-descent parser of <see cref="ThresholdExpression"/>; every error carries its position.</summary>
internal sealed partial class ThresholdParser
{
    private static readonly Dictionary<string, ThresholdMetric> Metrics = new(StringComparer.OrdinalIgnoreCase)
    {
        ["latency"] = ThresholdMetric.Latency,
        ["http_req_duration"] = ThresholdMetric.Latency,
        ["OkLatency"] = ThresholdMetric.OkLatency,
        ["FailLatency"] = ThresholdMetric.FailLatency,
        ["requests"] = ThresholdMetric.Requests,
        ["http_reqs"] = ThresholdMetric.Requests,
        ["OkRequest"] = ThresholdMetric.OkRequests,
        ["FailRequest"] = ThresholdMetric.FailedRequests,
        ["http_req_failed"] = ThresholdMetric.FailedRequests,
        ["errors"] = ThresholdMetric.FailedRequests,
        ["checks"] = ThresholdMetric.Checks,
        ["iterations"] = ThresholdMetric.Iterations,
        ["iteration_duration"] = ThresholdMetric.IterationDuration,
        ["StatusCode"] = ThresholdMetric.StatusCode,
    };

    /// <summary>The one measurement without a dot: <c>explain(query)</c>, the config's Queries run with EXPLAIN ANALYZE after the load.</summary>
    private const string ExplainMeasurement = "explain";

    private readonly string text;
    private int pos;

    public ThresholdParser(string text) => this.text = text;

    public ThresholdExpression Parse()
    {
        SkipSpaces();
        if (pos >= text.Length)
        {
            throw Error("empty expression (e.g. 'p(95) < 500')");
        }

        var metric = (ThresholdMetric?)null;
        int? statusCode = null;
        var save = pos;
        var word = Identifier();
        if (word.Length > 0 && (Peek('.') || (Peek('(') && string.Equals(word, ExplainMeasurement, StringComparison.Ordinal))))
        {
            pos = save;
            return ParseMeasurement();
        }

        SkipSpaces();
        string? stepTag = null, scenarioTag = null;
        if (word.Length > 0 && (Peek('{') || Peek(':') || (Peek('(') && word.Equals("StatusCode", StringComparison.OrdinalIgnoreCase))))
        {
            if (!Metrics.TryGetValue(word, out var m))
            {
                pos = save;
                throw UnknownMetric(word);
            }

            metric = m;
            if (m == ThresholdMetric.StatusCode)
            {
                Expect('(');
                statusCode = (int)Number("a status code");
                Expect(')');
            }

            if (Peek('{'))
            {
                var tagsAt = pos;
                (stepTag, scenarioTag, var okOnly) = Tags();
                if (m == ThresholdMetric.IterationDuration && (stepTag is not null || okOnly))
                {
                    throw ErrorAt(tagsAt, "iteration_duration times whole iterations: only {scenario:<name>} applies to it");
                }

                metric = okOnly && m == ThresholdMetric.Latency ? ThresholdMetric.OkLatency : m;
            }

            Expect(':');
            SkipSpaces();
        }
        else
        {
            pos = save;
        }

        var statPos = pos;
        var (stat, percentile, defaultMetric) = Stat();
        var finalMetric = metric ?? defaultMetric;
        if (metric is ThresholdMetric.Requests or ThresholdMetric.Iterations && stat == ThresholdStat.Rate)
        {
            // k6's http_reqs and iterations are counters, whose rate is per second (http_reqs: rate > 100).
            stat = ThresholdStat.Rps;
        }

        CheckAllowed(finalMetric, stat, statPos);
        SkipSpaces();
        var (op, limit, unit, unitPos) = Comparison();

        limit = ApplyUnit(unit, limit, finalMetric, stat, unitPos);
        SkipSpaces();
        if (pos < text.Length)
        {
            throw Error($"unexpected '{text[pos..]}'");
        }

        return new ThresholdExpression(finalMetric, stat, percentile, statusCode, op, limit, text) { StepTag = stepTag, ScenarioTag = scenarioTag };
    }

    /// <summary>
    /// k6's tag filter after a metric, <c>{name:profile}</c>: <c>name</c> is the step (k6 tags a request with its name),
    /// <c>scenario</c> the scenario, <c>expected_response:true</c> the requests that did not fail (OkLatency). Returns
    /// with the position after the closing brace.
    /// </summary>
    private (string? Step, string? Scenario, bool OkOnly) Tags()
    {
        Expect('{');
        string? step = null, scenario = null;
        var okOnly = false;
        while (true)
        {
            SkipSpaces();
            var keyPos = pos;
            var key = Identifier();
            Expect(':');
            SkipSpaces();
            var valuePos = pos;
            while (pos < text.Length && text[pos] is not (',' or '}'))
            {
                pos++;
            }

            var value = text[valuePos..pos].Trim();
            if (value.Length == 0)
            {
                throw ErrorAt(valuePos, $"tag '{key}' has no value");
            }

            switch (key.ToLowerInvariant())
            {
                case "name":
                    step = value;
                    break;
                case "scenario":
                    scenario = value;
                    break;
                case "expected_response" when value.Equals("true", StringComparison.OrdinalIgnoreCase):
                    okOnly = true;
                    break;
                default:
                    throw ErrorAt(keyPos, $"tag '{key}:{value}' is not supported (name:<step>, scenario:<scenario>, expected_response:true)");
            }

            if (Peek(','))
            {
                pos++;
                continue;
            }

            Expect('}');
            SkipSpaces();
            return (step, scenario, okOnly);
        }
    }

    /// <summary><c>op number [unit | %]</c>: the comparison every expression ends with, and where its unit starts.</summary>
    private (ThresholdOperator Op, double Limit, string Unit, int UnitPos) Comparison()
    {
        var op = Operator();
        SkipSpaces();
        var limit = Number("a number");
        SkipSpaces();
        var unitPos = pos;
        var unit = Identifier();
        if (unit.Length == 0 && Peek('%'))
        {
            pos++;
            unit = "%";
        }

        return (op, limit, unit, unitPos);
    }

    private (ThresholdStat Stat, double Percentile, ThresholdMetric DefaultMetric) Stat()
    {
        var start = pos;
        var word = Identifier();
        if (word.Length == 0)
        {
            throw Error("expected a statistic (p(95), avg, med, min, max, rate, rps, count, dropped, checks)");
        }

        var lower = word.ToLowerInvariant();
        if (lower == "p" && Peek('('))
        {
            pos++;
            var p = Percent(start);
            Expect(')');
            return (ThresholdStat.Percentile, p, ThresholdMetric.Latency);
        }

        if (lower.Length > 1 && lower[0] == 'p' && char.IsAsciiDigit(lower[1]))
        {
            pos = start + 1;
            return (ThresholdStat.Percentile, Percent(start), ThresholdMetric.Latency);
        }

        return lower switch
        {
            "avg" or "mean" => (ThresholdStat.Avg, 0, ThresholdMetric.Latency),
            "med" or "median" => (ThresholdStat.Med, 0, ThresholdMetric.Latency),
            "min" => (ThresholdStat.Min, 0, ThresholdMetric.Latency),
            "max" => (ThresholdStat.Max, 0, ThresholdMetric.Latency),
            "rate" => (ThresholdStat.Rate, 0, ThresholdMetric.FailedRequests),
            "percent" => (ThresholdStat.Percent, 0, ThresholdMetric.FailedRequests),
            "rps" => (ThresholdStat.Rps, 0, ThresholdMetric.Requests),
            "count" => (ThresholdStat.Count, 0, ThresholdMetric.Requests),
            "dropped" => (ThresholdStat.Dropped, 0, ThresholdMetric.Iterations),
            "checks" => (ThresholdStat.Rate, 0, ThresholdMetric.Checks),
            _ => throw ErrorAt(start, $"unknown statistic '{word}' (p(95), avg, med, min, max, rate, percent, rps, count, dropped, checks)"),
        };
    }

    private double Percent(int start)
    {
        var p = Number("a percentile");
        if (p is <= 0 or > 100)
        {
            throw ErrorAt(start, $"percentile {p.ToString(CultureInfo.InvariantCulture)} must be in (0, 100]");
        }

        return p;
    }

    private void CheckAllowed(ThresholdMetric metric, ThresholdStat stat, int position)
    {
        var latencyStat = stat is ThresholdStat.Percentile or ThresholdStat.Avg or ThresholdStat.Med or ThresholdStat.Min or ThresholdStat.Max;
        var ok = metric switch
        {
            _ when ThresholdExpression.IsLatencyMetric(metric) => latencyStat || stat == ThresholdStat.Count,
            ThresholdMetric.Requests => stat is ThresholdStat.Count or ThresholdStat.Rps,
            ThresholdMetric.OkRequests or ThresholdMetric.FailedRequests =>
                stat is ThresholdStat.Count or ThresholdStat.Rps or ThresholdStat.Rate or ThresholdStat.Percent,
            ThresholdMetric.Checks => stat is ThresholdStat.Rate or ThresholdStat.Percent or ThresholdStat.Count,
            ThresholdMetric.Iterations => stat is ThresholdStat.Count or ThresholdStat.Rps or ThresholdStat.Dropped,
            ThresholdMetric.StatusCode => stat is ThresholdStat.Count or ThresholdStat.Rate or ThresholdStat.Percent,
            _ => false,
        };
        if (!ok)
        {
            throw ErrorAt(position, $"statistic {stat.ToString().ToLowerInvariant()} does not apply to {metric}");
        }
    }

    private double ApplyUnit(string unit, double value, ThresholdMetric metric, ThresholdStat stat, int position)
    {
        var isLatency = ThresholdExpression.IsLatencyMetric(metric) && stat != ThresholdStat.Count;
        switch (unit.ToLowerInvariant())
        {
            case "":
                return value;
            case "ms" when isLatency:
                return value;
            case "s" when isLatency:
                return value * 1000;
            case "%" when stat == ThresholdStat.Percent:
                return value;
            case "%" when stat == ThresholdStat.Rate:
                return value / 100;
            default:
                throw ErrorAt(position, $"unit '{unit}' does not fit {stat.ToString().ToLowerInvariant()}");
        }
    }

    private ThresholdOperator Operator()
    {
        var rest = text.AsSpan(pos);
        (string Token, ThresholdOperator Op)[] ops =
        [
            ("<=", ThresholdOperator.LessOrEqual), (">=", ThresholdOperator.GreaterOrEqual), ("==", ThresholdOperator.Equal),
            ("!=", ThresholdOperator.NotEqual), ("<", ThresholdOperator.Less), (">", ThresholdOperator.Greater),
            ("=", ThresholdOperator.Equal),
        ];
        foreach (var (token, op) in ops)
        {
            if (rest.StartsWith(token, StringComparison.Ordinal))
            {
                pos += token.Length;
                return op;
            }
        }

        throw Error("expected a comparison (<, <=, >, >=, ==, !=)");
    }

    private double Number(string what)
    {
        SkipSpaces();
        var start = pos;
        if (pos < text.Length && (text[pos] == '-' || text[pos] == '+'))
        {
            pos++;
        }

        while (pos < text.Length && (char.IsAsciiDigit(text[pos]) || text[pos] == '.'))
        {
            pos++;
        }

        if (!double.TryParse(text.AsSpan(start, pos - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            pos = start;
            throw Error($"expected {what}");
        }

        return value;
    }

    private string Identifier()
    {
        var start = pos;
        while (pos < text.Length && (char.IsAsciiLetterOrDigit(text[pos]) || text[pos] == '_'))
        {
            if (pos == start && char.IsAsciiDigit(text[pos]))
            {
                break;
            }

            pos++;
        }

        return text[start..pos];
    }

    private void Expect(char c)
    {
        SkipSpaces();
        if (!Peek(c))
        {
            throw Error($"expected '{c}'");
        }

        pos++;
    }

    private bool Peek(char c) => pos < text.Length && text[pos] == c;

    private void SkipSpaces()
    {
        while (pos < text.Length && char.IsWhiteSpace(text[pos]))
        {
            pos++;
        }
    }

    private ThresholdParseException Error(string reason) => ErrorAt(pos, reason);

    private ThresholdParseException UnknownMetric(string word) =>
        Error($"unknown metric '{word}' (latency, OkLatency, FailLatency, requests, OkRequest, FailRequest, checks, iterations, iteration_duration, StatusCode(N), or a measurement such as db.index_hit_ratio)");

    private ThresholdParseException ErrorAt(int position, string reason) => new(text, position, reason);
}
