namespace LoadHarness.Core.Load;

/// <summary>
/// One linear piece of a plan, in whole-plan units (VUs for closed, iterations/s for open), before segmenting.
/// <see cref="Iterations"/> is set for iteration-bound pieces (IterationsForConstant: zero planned time, run until done).
/// </summary>
public sealed record PlanPhase(TimeSpan Start, TimeSpan Duration, double From, double To, long? Iterations = null)
{
    public TimeSpan End => Start + Duration;

    /// <summary>Level at <paramref name="offset"/> into the phase (linear from <see cref="From"/> to <see cref="To"/>).</summary>
    public double LevelAt(TimeSpan offset) =>
        Duration <= TimeSpan.Zero ? To : From + ((To - From) * offset.Ticks / Duration.Ticks);

    /// <summary>Closed model: VUs at offset, rounded toward the starting level (k6: VUs join and leave at exact steps).</summary>
    public int VUsAt(TimeSpan offset)
    {
        if (Duration <= TimeSpan.Zero || offset >= Duration)
        {
            return (int)To;
        }

        var from = (long)From;
        var delta = (long)To - from;
        return (int)(from + (delta * offset.Ticks / Duration.Ticks));
    }

    /// <summary>Open model: arrivals (whole plan) within the phase up to <paramref name="offsetSec"/> seconds.</summary>
    internal double IntegralAt(double offsetSec)
    {
        var d = Duration.TotalSeconds;
        if (d <= 0)
        {
            return 0;
        }

        var x = Math.Clamp(offsetSec, 0, d);
        return (From * x) + ((To - From) * x * x / (2 * d));
    }

    /// <summary>Open model: the offset (s) at which the phase's integral reaches <paramref name="arrivals"/>.</summary>
    internal double InverseIntegral(double arrivals)
    {
        var d = Duration.TotalSeconds;
        var a = (To - From) / (2 * d);
        if (Math.Abs(a) < 1e-12)
        {
            return From <= 0 ? d : arrivals / From;
        }

        var disc = (From * From) + (4 * a * arrivals);
        return (-From + Math.Sqrt(Math.Max(0, disc))) / (2 * a);
    }
}
