using System.Globalization;
using LoadHarness.Core.Load;
using Microsoft.Extensions.Configuration;

namespace LoadHarness.Cli.Configuration;

/// <summary>Reads typed values out of configuration sections, reporting each bad one by its JSON path instead of throwing.</summary>
internal sealed class ConfigValues(ConfigProblems problems)
{
    public ConfigProblems Problems { get; } = problems;

    public static string PathOf(IConfigurationSection section) => ConfigPath.ToJsonPath(section.Path);

    public static bool IsPresent(IConfigurationSection section) => section.Value is not null || section.GetChildren().Any();

    public string? String(IConfigurationSection section) => string.IsNullOrWhiteSpace(section.Value) ? null : section.Value.Trim();

    /// <summary>A duration (<c>00:01:00</c>, <c>1m</c>, <c>30s</c>, <c>500ms</c>); null when absent or bad (then reported).</summary>
    public TimeSpan? Duration(IConfigurationSection section, bool positive = false)
    {
        if (section.GetChildren().Any())
        {
            Problems.Add(PathOf(section), "expected a duration (use 00:01:00, 1m, 30s), not an object or array");
            return null;
        }

        var text = String(section);
        if (text is null)
        {
            return null;
        }

        return ParseDuration(text, PathOf(section), positive);
    }

    public TimeSpan? ParseDuration(string text, string path, bool positive)
    {
        if (!DurationParser.TryParse(text, out var value, out _))
        {
            Problems.Add(path, $"'{text}' is not a duration (use 00:01:00, 1m, 30s)");
            return null;
        }

        if (positive && value <= TimeSpan.Zero)
        {
            Problems.Add(path, $"'{text}' must be a positive duration");
            return null;
        }

        return value;
    }

    /// <summary>An integer of at least <paramref name="min"/>; null when absent or bad (then reported).</summary>
    public int? Int(IConfigurationSection section, int min, string what = "a whole number")
    {
        var text = String(section);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            Problems.Add(PathOf(section), $"'{text}' is not {what}");
            return null;
        }

        if (value < min)
        {
            Problems.Add(PathOf(section), min == 1 ? $"{value} must be greater than zero" : $"{value} must be at least {min}");
            return null;
        }

        return value;
    }

    public bool? Bool(IConfigurationSection section)
    {
        var text = String(section);
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        Problems.Add(PathOf(section), $"'{text}' is not true or false");
        return null;
    }

    /// <summary>A list of strings: a JSON array, or one comma-separated string.</summary>
    public IReadOnlyList<string>? Strings(IConfigurationSection section)
    {
        var children = section.GetChildren().ToArray();
        if (children.Length > 0)
        {
            return children.OrderBy(c => IndexOf(c)).Select(c => c.Value?.Trim() ?? "").Where(v => v.Length > 0).ToArray();
        }

        return section.Value is { } value
            ? value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : null;
    }

    /// <summary>Array children in index order ("10" after "9").</summary>
    public static IReadOnlyList<IConfigurationSection> Items(IConfigurationSection section) =>
        section.GetChildren().OrderBy(IndexOf).ToArray();

    private static int IndexOf(IConfigurationSection section) =>
        int.TryParse(section.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue;
}
