namespace LoadHarness.Reporting.Compare;

/// <summary>Small order statistics for the comparison (no allocation beyond what the caller hands in).</summary>
internal static class Statistics
{
    public static double Median(List<double> values)
    {
        values.Sort();
        var n = values.Count;
        return n == 0 ? double.NaN : n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
    }

    /// <summary>The median of the first <paramref name="count"/> items (sorted in place).</summary>
    public static double Median(double[] values, int count)
    {
        if (count == 0)
        {
            return double.NaN;
        }

        Array.Sort(values, 0, count);
        return count % 2 == 1 ? values[count / 2] : (values[(count / 2) - 1] + values[count / 2]) / 2;
    }

    /// <summary>The median of plain values (a copy is sorted).</summary>
    public static double Median(IEnumerable<double> values) => Median(values.Where(double.IsFinite).ToList());

    /// <summary>FNV-1a of a text: a seed that is the same in every process.</summary>
    public static int StableSeed(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x7FFFFFFF);
    }
}
