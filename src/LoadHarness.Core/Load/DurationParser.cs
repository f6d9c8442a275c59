using System.Globalization;

namespace LoadHarness.Core.Load;

/// <summary>Parses durations as config files write them: <c>00:01:00</c>, <c>1m</c>, <c>30s</c>, <c>1m30s</c>, <c>500ms</c>, <c>1h</c>, <c>2d</c>.</summary>
public static class DurationParser
{
    public static TimeSpan Parse(string text)
    {
        if (TryParse(text, out var value, out var error))
        {
            return value;
        }

        throw new FormatException(error);
    }

    public static bool TryParse(string? text, out TimeSpan value, out string? error)
    {
        value = TimeSpan.Zero;
        error = null;
        var s = (text ?? "").Trim();
        if (s.Length == 0)
        {
            error = "duration is empty (use e.g. '00:01:00', '1m', '30s', '1m30s', '500ms')";
            return false;
        }

        if (s.Contains(':', StringComparison.Ordinal))
        {
            if (TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero)
            {
                return true;
            }

            error = $"'{text}' is not a duration (hh:mm:ss)";
            return false;
        }

        double totalMs = 0;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            var unitStart = i;
            while (i < s.Length && char.IsAsciiLetter(s[i]))
            {
                i++;
            }

            if (start == unitStart || !double.TryParse(s.AsSpan(start, unitStart - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                error = $"'{text}' is not a duration: expected a number at position {start} (use e.g. '1m30s', '500ms')";
                return false;
            }

            var unit = s[unitStart..i];
            double? factor = unit.ToLowerInvariant() switch
            {
                "ms" => 1,
                "s" or "" when unitStart == s.Length && start == 0 => 1000,
                "s" => 1000,
                "m" => 60_000,
                "h" => 3_600_000,
                "d" => 86_400_000,
                _ => null,
            };
            if (factor is null)
            {
                error = $"'{text}' is not a duration: unknown unit '{unit}' at position {unitStart} (ms, s, m, h, d)";
                return false;
            }

            totalMs += number * factor.Value;
        }

        value = TimeSpan.FromMilliseconds(totalMs);
        return true;
    }
}
