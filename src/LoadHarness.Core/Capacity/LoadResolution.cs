using System.Globalization;

namespace LoadHarness.Core.Capacity;

/// <summary>
/// How close the bisection brings the last good and the first failing load before it stops: an absolute width in load
/// units (VUs or iterations/s, e.g. <c>10</c>) or a share of the last good load (e.g. <c>5%</c>). Never below 1.
/// </summary>
public readonly record struct LoadResolution
{
    private LoadResolution(double value, bool isPercent)
    {
        Value = value;
        IsPercent = isPercent;
    }

    public double Value { get; }

    public bool IsPercent { get; }

    public static LoadResolution Absolute(int units) =>
        units >= 1 ? new(units, false) : throw new ArgumentOutOfRangeException(nameof(units), $"a resolution must be at least 1 (got {units})");

    public static LoadResolution Percent(double percent) =>
        percent > 0 && percent < 100 && double.IsFinite(percent)
            ? new(percent, true)
            : throw new ArgumentOutOfRangeException(nameof(percent), string.Create(CultureInfo.InvariantCulture, $"a resolution in percent must be above 0 and below 100 (got {percent})"));

    /// <summary>"10" or "5%"; false (with the reason) for anything else.</summary>
    public static bool TryParse(string? text, out LoadResolution resolution, out string? error)
    {
        resolution = default;
        var s = text?.Trim() ?? "";
        var percent = s.EndsWith('%');
        var number = percent ? s[..^1].Trim() : s;
        if (percent && double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p > 0 && p < 100)
        {
            resolution = Percent(p);
            error = null;
            return true;
        }

        if (!percent && int.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var units) && units >= 1)
        {
            resolution = Absolute(units);
            error = null;
            return true;
        }

        error = $"'{text}' is not a resolution: use a whole number of VUs or iterations/s (e.g. 10) or a share of the load (e.g. 5%)";
        return false;
    }

    /// <summary>The widest gap between the last good and the first failing load that is close enough.</summary>
    public int Width(int lastGood) =>
        IsPercent ? Math.Max(1, (int)Math.Floor(lastGood * Value / 100)) : Math.Max(1, (int)Value);

    public override string ToString() =>
        IsPercent ? Value.ToString("0.##", CultureInfo.InvariantCulture) + "%" : Value.ToString("0", CultureInfo.InvariantCulture);
}
