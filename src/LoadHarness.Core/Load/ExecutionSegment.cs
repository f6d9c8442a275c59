using System.Globalization;

namespace LoadHarness.Core.Load;

/// <summary>
/// A k6 execution segment <c>a:b</c> (0 &lt;= a &lt; b &lt;= 1, fractions like <c>1/4</c> or decimals): the part of a
/// test one process runs. Consecutive segments (<c>0:1/3</c>, <c>1/3:2/3</c>, <c>2/3:1</c>) add up to the whole
/// plan exactly: VUs by cumulative flooring, arrivals and shared iterations by a deterministic striping.
/// </summary>
public sealed record ExecutionSegment
{
    public static readonly ExecutionSegment Whole = new(Fraction.Zero, Fraction.One);

    private ExecutionSegment(Fraction from, Fraction to)
    {
        From = from;
        To = to;
    }

    public Fraction From { get; }

    public Fraction To { get; }

    public bool IsWhole => From == Fraction.Zero && To == Fraction.One;

    /// <summary>The share of the whole, b - a.</summary>
    public double Share => To.ToDouble() - From.ToDouble();

    public static ExecutionSegment Create(Fraction from, Fraction to)
    {
        if (from.CompareTo(Fraction.Zero) < 0 || to.CompareTo(Fraction.One) > 0 || from.CompareTo(to) >= 0)
        {
            throw new FormatException($"execution segment {from}:{to} needs 0 <= a < b <= 1");
        }

        return new ExecutionSegment(from, to);
    }

    /// <summary>Parses "a:b", e.g. "0:1/2", "1/2:1", "0.25:0.5", "0:1". Throws <see cref="FormatException"/> with the reason.</summary>
    public static ExecutionSegment Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split(':');
        if (parts.Length != 2)
        {
            throw new FormatException($"execution segment '{text}' must look like 'a:b' (e.g. '0:1/2')");
        }

        return Create(Fraction.Parse(parts[0]), Fraction.Parse(parts[1]));
    }

    public static bool TryParse(string? text, out ExecutionSegment? segment, out string? error)
    {
        try
        {
            segment = Parse(text ?? "");
            error = null;
            return true;
        }
        catch (FormatException e)
        {
            segment = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>This segment's part of an integer whole: floor(n*b) - floor(n*a). Consecutive segments sum to n.</summary>
    public long Scale(long whole) => To.FloorTimes(whole) - From.FloorTimes(whole);

    /// <summary>Whether the k-th (0-based) item of an infinite sequence belongs to this segment (van der Corput striping).</summary>
    public bool Owns(long index)
    {
        if (IsWhole)
        {
            return true;
        }

        var position = VanDerCorput(index);
        return position >= From.ToDouble() && position < To.ToDouble();
    }

    public override string ToString() => $"{From}:{To}";

    internal static double VanDerCorput(long index)
    {
        var n = (ulong)index;
        double result = 0, denominator = 1;
        while (n > 0)
        {
            denominator *= 2;
            result += (n & 1) / denominator;
            n >>= 1;
        }

        return result;
    }
}

/// <summary>An exact non-negative fraction (used by execution segments).</summary>
public readonly record struct Fraction(long Numerator, long Denominator) : IComparable<Fraction>
{
    public static readonly Fraction Zero = new(0, 1);

    public static readonly Fraction One = new(1, 1);

    public static Fraction Parse(string text)
    {
        var s = text.Trim();
        var slash = s.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (long.TryParse(s.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                && long.TryParse(s.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d > 0)
            {
                return Reduce(n, d);
            }
        }
        else if (decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            long den = 1;
            while (value != decimal.Truncate(value) && den < 1_000_000_000_000)
            {
                value *= 10;
                den *= 10;
            }

            return Reduce((long)value, den);
        }

        throw new FormatException($"'{text}' is not a fraction (use e.g. '1/4', '0.25' or '1')");
    }

    public double ToDouble() => (double)Numerator / Denominator;

    /// <summary>floor(this * n), exact.</summary>
    public long FloorTimes(long n) => (long)((Int128)Numerator * n / Denominator);

    public int CompareTo(Fraction other) =>
        ((Int128)Numerator * other.Denominator).CompareTo((Int128)other.Numerator * Denominator);

    public override string ToString() =>
        Denominator == 1
            ? Numerator.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");

    private static Fraction Reduce(long n, long d)
    {
        var g = (long)System.Numerics.BigInteger.GreatestCommonDivisor(n, d);
        return g == 0 ? new Fraction(0, 1) : new Fraction(n / g, d / g);
    }
}
