using System.Globalization;

namespace LoadHarness.Cli.Commands.Run;

/// <summary>
/// The whole machine's CPU use between two readings of /proc/stat (every process, LoadHarness and a local target
/// included), in cores: what tells a run on a quiet machine from one beside a busy neighbour. Null off Linux.
/// </summary>
internal readonly record struct MachineCpu(long Busy, long Total)
{
    public static MachineCpu? Read()
    {
        try
        {
            if (!OperatingSystem.IsLinux())
            {
                return null;
            }

            using var reader = new StreamReader("/proc/stat");
            return Parse(reader.ReadLine());
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The aggregate "cpu  user nice system idle iowait irq softirq steal ..." line; idle and iowait are not busy.</summary>
    public static MachineCpu? Parse(string? line)
    {
        if (line is null || !line.StartsWith("cpu ", StringComparison.Ordinal))
        {
            return null;
        }

        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long total = 0, idle = 0;
        for (var i = 1; i < fields.Length && i <= 8; i++)
        {
            if (!long.TryParse(fields[i], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            total += value;
            if (i is 4 or 5)
            {
                idle += value;
            }
        }

        return new MachineCpu(total - idle, total);
    }

    /// <summary>Cores busy between <paramref name="start"/> and <paramref name="end"/>, rounded to hundredths.</summary>
    public static double? Cores(MachineCpu? start, MachineCpu? end, int processorCount) =>
        start is { } a && end is { } b && b.Total > a.Total
            ? Math.Round((double)(b.Busy - a.Busy) / (b.Total - a.Total) * processorCount, 2)
            : null;
}
