using LoadHarness.Core.Results;

namespace LoadHarness.Core.Load;

/// <summary>
/// The pure plan of a scenario's load simulations: target VUs (closed) or arrival rate (open) as a function of
/// time, split by an <see cref="ExecutionSegment"/>. No clock, no I/O; the drivers only follow it.
/// </summary>
public sealed class LoadPlan
{
    /// <summary>Open model: arrivals (integral of the rate) before each phase; cumulative[^1] is the total.</summary>
    private readonly double[] cumulative;

    private LoadPlan(LoadModel model, IReadOnlyList<PlanPhase> phases, ExecutionSegment segment, int? maxVUs)
    {
        Model = model;
        Phases = phases;
        Segment = segment;
        MaxVUs = maxVUs;
        Duration = phases.Count == 0 ? TimeSpan.Zero : phases[^1].End;
        cumulative = new double[phases.Count + 1];
        for (var i = 0; i < phases.Count; i++)
        {
            cumulative[i + 1] = cumulative[i] + phases[i].IntegralAt(phases[i].Duration.TotalSeconds);
        }

        TotalArrivals = model == LoadModel.Open ? (long)Math.Floor(WholeIntegral(Duration.TotalSeconds) + 0.5 - 1e-9) : 0;
    }

    public LoadModel Model { get; }

    /// <summary>Whole-plan phases (unsegmented levels).</summary>
    public IReadOnlyList<PlanPhase> Phases { get; }

    public ExecutionSegment Segment { get; }

    public int? MaxVUs { get; }

    /// <summary>Planned time (iteration-bound IterationsForConstant phases count as zero: they run until done).</summary>
    public TimeSpan Duration { get; }

    /// <summary>Open model: arrivals of the whole plan (all segments).</summary>
    public long TotalArrivals { get; }

    public bool HasIterationPhases => Phases.Any(p => p.Iterations is not null);

    /// <summary>Builds the plan; throws <see cref="ArgumentException"/> listing every problem.</summary>
    public static LoadPlan Create(IEnumerable<LoadSimulation> simulations, ExecutionSegment? segment = null, int? maxVUs = null, int seed = 0)
    {
        var list = simulations.ToArray();
        var errors = Validate(list);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(simulations));
        }

        return new LoadPlan(ModelOf(list), BuildPhases(list, seed), segment ?? ExecutionSegment.Whole, maxVUs);
    }

    /// <summary>Every problem of a simulation list (empty when valid): none given, open mixed with closed.</summary>
    public static IReadOnlyList<string> Validate(IEnumerable<LoadSimulation> simulations)
    {
        var list = simulations.ToArray();
        var errors = new List<string>();
        if (list.Length == 0)
        {
            errors.Add("LoadSimulations: at least one load simulation is needed");
        }

        var closed = list.Where(s => s.Model == LoadModel.Closed).Select(Name).Distinct().ToArray();
        var open = list.Where(s => s.Model == LoadModel.Open).Select(Name).Distinct().ToArray();
        if (closed.Length > 0 && open.Length > 0)
        {
            errors.Add($"LoadSimulations: closed-model simulations ({string.Join(", ", closed)}) cannot be mixed with "
                + $"open-model ones ({string.Join(", ", open)}) in one scenario; split them into two scenarios");
        }

        return errors;
    }

    /// <summary>Closed unless any simulation is open (a plan of only pauses is closed).</summary>
    public static LoadModel ModelOf(IEnumerable<LoadSimulation> simulations) =>
        simulations.Any(s => s.Model == LoadModel.Open) ? LoadModel.Open : LoadModel.Closed;

    /// <summary>Closed model: this segment's target VUs at <paramref name="t"/> (0 after the end).</summary>
    public int TargetVUsAt(TimeSpan t)
    {
        var whole = WholeVUsAt(t);
        return (int)Segment.Scale(whole);
    }

    /// <summary>Closed model: the whole plan's VUs at <paramref name="t"/> (capped by MaxVUs).</summary>
    public int WholeVUsAt(TimeSpan t)
    {
        var phase = PhaseAt(t);
        if (phase is null)
        {
            return 0;
        }

        var vus = phase.VUsAt(t - phase.Start);
        return MaxVUs is { } cap ? Math.Min(vus, cap) : vus;
    }

    /// <summary>
    /// Closed model: how long after <paramref name="t"/> this segment's target VUs first change, searched up to
    /// <paramref name="within"/> (returned when nothing changes by then) and never past the end of the current phase
    /// (within a phase the target is monotonic, so a binary search to a quarter of a millisecond finds the step).
    /// </summary>
    public TimeSpan NextTargetChangeIn(TimeSpan t, TimeSpan within)
    {
        var phase = PhaseAt(t);
        if (phase is null || within <= TimeSpan.Zero)
        {
            return within < TimeSpan.Zero ? TimeSpan.Zero : within;
        }

        if (phase.End - t < within)
        {
            within = phase.End - t;
        }

        var current = TargetVUsAt(t);
        if (TargetVUsAt(t + within) == current)
        {
            return within;
        }

        long lo = 0, hi = within.Ticks; // the target is unchanged at lo and changed at hi
        while (hi - lo > TimeSpan.TicksPerMillisecond / 4)
        {
            var mid = lo + ((hi - lo) / 2);
            if (TargetVUsAt(t + TimeSpan.FromTicks(mid)) == current)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return TimeSpan.FromTicks(hi);
    }

    /// <summary>Open model: this segment's arrival rate (iterations/s) at <paramref name="t"/>.</summary>
    public double RateAt(TimeSpan t)
    {
        var phase = PhaseAt(t);
        return phase is null ? 0 : phase.LevelAt(t - phase.Start) * Segment.Share;
    }

    /// <summary>VUs (closed) or iterations/s (open) of this segment at t.</summary>
    public double ValueAt(TimeSpan t) => Model == LoadModel.Closed ? TargetVUsAt(t) : RateAt(t);

    /// <summary>The planned load every <paramref name="step"/> from 0 to the end, for the report overlay.</summary>
    public IReadOnlyList<PlanPoint> Sample(TimeSpan step)
    {
        if (step <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(step));
        }

        var points = new List<PlanPoint>();
        for (var t = TimeSpan.Zero; t <= Duration; t += step)
        {
            points.Add(new PlanPoint(t.TotalSeconds, ValueAt(t)));
        }

        return points;
    }

    /// <summary>
    /// Open model: arrivals of the whole plan due by <paramref name="t"/>. Arrival k is due when the integral of the
    /// rate reaches k + 1/2 (mid-slot), so 10 it/s starts at 0.05 s, 0.15 s, ... and a phase of N planned
    /// iterations holds exactly N.
    /// </summary>
    public long WholeArrivalsBy(TimeSpan t)
    {
        if (t < TimeSpan.Zero || TotalArrivals == 0)
        {
            return 0;
        }

        var count = (long)Math.Floor(WholeIntegral(t.TotalSeconds) + 0.5 + 1e-9);
        return Math.Min(count, TotalArrivals);
    }

    /// <summary>Open model: this segment's arrivals started by <paramref name="t"/>.</summary>
    public long ArrivalsBy(TimeSpan t)
    {
        var whole = WholeArrivalsBy(t);
        if (Segment.IsWhole)
        {
            return whole;
        }

        long count = 0;
        for (long k = 0; k < whole; k++)
        {
            if (Segment.Owns(k))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Open model: when whole-plan arrival <paramref name="index"/> is due.</summary>
    public TimeSpan ArrivalTime(long index)
    {
        var target = index + 0.5;
        if (Phases.Count == 0 || target > cumulative[^1] + 1e-9)
        {
            return Duration;
        }

        // The first phase whose end reaches the target (binary search over the cumulative arrivals).
        int lo = 0, hi = Phases.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (target <= cumulative[mid + 1] + 1e-9)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        var phase = Phases[lo];
        var offset = phase.InverseIntegral(target - cumulative[lo]);
        return phase.Start + TimeSpan.FromSeconds(Math.Clamp(offset, 0, phase.Duration.TotalSeconds));
    }

    internal PlanPhase? PhaseAt(TimeSpan t)
    {
        if (t < TimeSpan.Zero)
        {
            return null;
        }

        foreach (var phase in Phases)
        {
            if (t < phase.End)
            {
                return phase;
            }
        }

        return null;
    }

    private double WholeIntegral(double seconds)
    {
        double sum = 0;
        foreach (var phase in Phases)
        {
            sum += phase.IntegralAt(seconds - phase.Start.TotalSeconds);
        }

        return sum;
    }

    private static string Name(LoadSimulation s) => s.GetType().Name.Replace("Simulation", "", StringComparison.Ordinal);

    private static List<PlanPhase> BuildPhases(IReadOnlyList<LoadSimulation> simulations, int seed)
    {
        var phases = new List<PlanPhase>();
        var t = TimeSpan.Zero;
        double level = 0;
        var random = new Random(seed);

        void Add(TimeSpan duration, double from, double to, long? iterations = null)
        {
            phases.Add(new PlanPhase(t, duration, from, to, iterations));
            t += duration;
            level = to;
        }

        foreach (var simulation in simulations)
        {
            switch (simulation)
            {
                case RampingConstantSimulation s: Add(s.During, level, s.Copies); break;
                case KeepConstantSimulation s: Add(s.During, s.Copies, s.Copies); break;
                case IterationsForConstantSimulation s: Add(TimeSpan.Zero, s.Copies, s.Copies, s.Iterations); break;
                case RampingInjectSimulation s: Add(s.During, level, s.Rate / s.Interval.TotalSeconds); break;
                case InjectSimulation s: Add(s.During, PerSecond(s.Rate, s.Interval), PerSecond(s.Rate, s.Interval)); break;
                case IterationsForInjectSimulation s:
                    var rate = PerSecond(s.Rate, s.Interval);
                    Add(TimeSpan.FromSeconds(s.Iterations / rate), rate, rate);
                    break;
                case InjectRandomSimulation s:
                    var end = t + s.During;
                    while (t < end)
                    {
                        var piece = s.Interval < end - t ? s.Interval : end - t;
                        var r = PerSecond(random.Next(s.MinRate, s.MaxRate + 1), s.Interval);
                        Add(piece, r, r);
                    }

                    break;
                case PauseSimulation s: Add(s.During, 0, 0); break;
                default: throw new NotSupportedException(simulation.GetType().Name);
            }
        }

        return phases;
    }

    private static double PerSecond(int rate, TimeSpan interval) => rate / interval.TotalSeconds;
}
