using LoadHarness.Http.Checks;

namespace LoadHarness.Http.Tests;

public sealed class HttpCheckParseTests
{
    [Theory]
    [InlineData("status == 200", "status == 200", HttpCheckKind.Status, CheckOperator.Equal, 200)]
    [InlineData("status != 500", "status != 500", HttpCheckKind.Status, CheckOperator.NotEqual, 500)]
    [InlineData("status<400", "status<400", HttpCheckKind.Status, CheckOperator.Less, 400)]
    [InlineData("status >= 200", "status >= 200", HttpCheckKind.Status, CheckOperator.GreaterOrEqual, 200)]
    [InlineData("duration < 200ms", "duration < 200ms", HttpCheckKind.Duration, CheckOperator.Less, 200)]
    [InlineData("duration <= 200", "duration <= 200", HttpCheckKind.Duration, CheckOperator.LessOrEqual, 200)]
    [InlineData("duration < 0.2s", "duration < 0.2s", HttpCheckKind.Duration, CheckOperator.Less, 200)]
    [InlineData("fast: duration < 1m", "fast", HttpCheckKind.Duration, CheckOperator.Less, 60_000)]
    [InlineData("status ok: status == 200", "status ok", HttpCheckKind.Status, CheckOperator.Equal, 200)]
    public void Comparisons_parse(string text, string name, HttpCheckKind kind, CheckOperator op, double value)
    {
        var check = HttpCheck.Parse(text);

        Assert.Equal(name, check.Name);
        Assert.Equal(kind, check.Kind);
        Assert.Equal(op, check.Operator);
        Assert.Equal(value, check.Value, 6);
    }

    [Theory]
    [InlineData("body contains token", HttpCheckKind.BodyContains, null, "token", false)]
    [InlineData("body contains \"a: b\"", HttpCheckKind.BodyContains, null, "a: b", false)]
    [InlineData("body contains '\"ok\": true'", HttpCheckKind.BodyContains, null, "\"ok\": true", false)]
    [InlineData("body not contains error", HttpCheckKind.BodyContains, null, "error", true)]
    [InlineData("header Content-Type contains json", HttpCheckKind.HeaderContains, "Content-Type", "json", false)]
    [InlineData("header ETag exists", HttpCheckKind.HeaderExists, "ETag", null, false)]
    public void Text_checks_parse(string text, HttpCheckKind kind, string? header, string? needle, bool negated)
    {
        var check = HttpCheck.Parse(text);

        Assert.Equal(text, check.Name);
        Assert.Equal(kind, check.Kind);
        Assert.Equal(header, check.HeaderName);
        Assert.Equal(needle, check.Text);
        Assert.Equal(negated, check.Negated);
        Assert.Equal(kind == HttpCheckKind.BodyContains, check.NeedsBody);
    }

    [Theory]
    [InlineData("", 0, "expected status")]
    [InlineData("stauts == 200", 0, "unknown check 'stauts'")]
    [InlineData("status = 200", 7, "expected an operator")]
    [InlineData("status == abc", 10, "'abc' is not a status code")]
    [InlineData("status == 9999", 10, "not a status code")]
    [InlineData("duration < soon", 11, "'soon' is not a duration")]
    [InlineData("body has x", 5, "expected 'contains'")]
    [InlineData("body == \"ok\"", 5, "a body takes no operator: write 'body contains TEXT'")]
    [InlineData("body contains", 13, "expected the text")]
    [InlineData("body contains \"open", 14, "unterminated")]
    [InlineData("body contains \"ok\": true", 14, "to look for \"ok\": true, wrap it in ': '\"ok\": true'")]
    [InlineData("header contains json", 16, "expected 'contains' or 'exists'")]
    [InlineData("ok: status == x", 14, "'x' is not a status code")]
    [InlineData(": status == 200", 0, "unknown check")]
    public void Rejected_checks_carry_text_and_position(string text, int position, string reason)
    {
        var error = Assert.Throws<HttpCheckParseException>(() => HttpCheck.Parse(text));

        Assert.Equal(text, error.Text);
        Assert.Equal(position, error.Position);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.False(HttpCheck.TryParse(text, out _, out var tried));
        Assert.Equal(position, tried!.Position);
    }
}
