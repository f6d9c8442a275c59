using System.Globalization;
using System.Text.RegularExpressions;

namespace TargetApi.Http;

/// <summary>Parses query and route values; every failure is a message for a 400 problem.</summary>
public static partial class QueryParsing
{
    public static bool TryLimit(string? value, int defaultValue, int max, out int limit, out string? error)
    {
        error = null;
        limit = defaultValue;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > max)
        {
            error = $"limit must be an integer from 1 to {max}.";
            return false;
        }

        return true;
    }

    public static bool TryBool(string? value, bool defaultValue, string name, out bool result, out string? error)
    {
        error = null;
        result = defaultValue;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (!bool.TryParse(value, out result))
        {
            error = $"{name} must be true or false.";
            return false;
        }

        return true;
    }

    /// <summary>A month as YYYY-MM (2000-01 .. 2099-12); missing means the current UTC month.</summary>
    public static bool TryMonth(string? value, TimeProvider clock, out DateTime monthStartUtc, out string? error)
    {
        error = null;
        var now = clock.GetUtcNow();
        monthStartUtc = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        var match = MonthPattern().Match(value);
        if (!match.Success)
        {
            error = "month must be YYYY-MM, e.g. 2024-12.";
            return false;
        }

        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 2099 || month is < 1 or > 12)
        {
            error = "month is out of range (2000-01 .. 2099-12).";
            return false;
        }

        monthStartUtc = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Utc);
        return true;
    }

    public static bool TryGuid(string? value, out Guid id) =>
        Guid.TryParseExact(value, "D", out id);

    public static bool IsSlug(string value) => SlugPattern().IsMatch(value);

    [GeneratedRegex(@"^(\d{4})-(\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
