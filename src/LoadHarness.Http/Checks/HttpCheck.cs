using System.Globalization;
using System.Text;

namespace LoadHarness.Http.Checks;

/// <summary>
/// A k6-style check of one response, counted apart from failures: <c>status == 200</c>, <c>status &lt; 400</c>,
/// <c>duration &lt; 200ms</c>, <c>body contains ok</c>, <c>header Content-Type contains json</c>. A check is named by
/// its expression, or by a label: <c>"profile ok: status == 200"</c>.
/// </summary>
public sealed class HttpCheck
{
    private readonly byte[]? utf8Text;

    internal HttpCheck(string name, string expression, HttpCheckKind kind, CheckOperator op, double value, string? headerName, string? text, bool negated)
    {
        Name = name;
        Expression = expression;
        Kind = kind;
        Operator = op;
        Value = value;
        HeaderName = headerName;
        Text = text;
        Negated = negated;
        utf8Text = kind == HttpCheckKind.BodyContains && text is not null ? Encoding.UTF8.GetBytes(text) : null;
    }

    /// <summary>The name checks are counted under: the label, or else the expression text.</summary>
    public string Name { get; }

    public string Expression { get; }

    public HttpCheckKind Kind { get; }

    /// <summary>For status and duration checks.</summary>
    public CheckOperator Operator { get; }

    /// <summary>The status code, or the duration in milliseconds.</summary>
    public double Value { get; }

    public string? HeaderName { get; }

    /// <summary>The text a body or header must contain.</summary>
    public string? Text { get; }

    /// <summary><c>body not contains x</c>.</summary>
    public bool Negated { get; }

    /// <summary>True when the response body has to be read for this check.</summary>
    public bool NeedsBody => Kind == HttpCheckKind.BodyContains;

    /// <summary>Parses a check; throws <see cref="HttpCheckParseException"/> with the position of the problem.</summary>
    public static HttpCheck Parse(string text) => HttpCheckParser.Parse(text);

    public static bool TryParse(string text, out HttpCheck? check, out HttpCheckParseException? error)
    {
        try
        {
            check = HttpCheckParser.Parse(text);
            error = null;
            return true;
        }
        catch (HttpCheckParseException e)
        {
            check = null;
            error = e;
            return false;
        }
    }

    /// <summary>Parses several checks (e.g. <c>HttpCheck.ParseAll("status == 200", "body contains token")</c>).</summary>
    public static IReadOnlyList<HttpCheck> ParseAll(params IEnumerable<string> texts) => texts.Select(Parse).ToArray();

    public override string ToString() => Name == Expression ? Expression : Name + ": " + Expression;

    /// <summary>Judges a response. <paramref name="body"/> is the UTF-8 body when it was read; <paramref name="bodyRead"/> false = not available.</summary>
    internal bool Evaluate(int statusCode, double durationMs, ReadOnlySpan<byte> body, bool bodyRead, HttpResponseMessage? response) => Kind switch
    {
        HttpCheckKind.Status => Compare(statusCode, Operator, Value),
        HttpCheckKind.Duration => Compare(durationMs, Operator, Value),
        HttpCheckKind.BodyContains => bodyRead && body.IndexOf(utf8Text) >= 0 != Negated,
        HttpCheckKind.HeaderContains => HeaderValue(response) is { } value && value.Contains(Text!, StringComparison.OrdinalIgnoreCase) != Negated,
        HttpCheckKind.HeaderExists => HeaderValue(response) is not null != Negated,
        _ => false,
    };

    internal static string OperatorText(CheckOperator op) => op switch
    {
        CheckOperator.Equal => "==",
        CheckOperator.NotEqual => "!=",
        CheckOperator.Less => "<",
        CheckOperator.LessOrEqual => "<=",
        CheckOperator.Greater => ">",
        _ => ">=",
    };

    internal static string FormatNumber(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static bool Compare(double actual, CheckOperator op, double expected) => op switch
    {
        CheckOperator.Equal => actual == expected,
        CheckOperator.NotEqual => actual != expected,
        CheckOperator.Less => actual < expected,
        CheckOperator.LessOrEqual => actual <= expected,
        CheckOperator.Greater => actual > expected,
        _ => actual >= expected,
    };

    private string? HeaderValue(HttpResponseMessage? response)
    {
        if (response is null)
        {
            return null;
        }

        if (response.Headers.NonValidated.TryGetValues(HeaderName!, out var values)
            || response.Content.Headers.NonValidated.TryGetValues(HeaderName!, out values))
        {
            return values.ToString();
        }

        return null;
    }
}
