using System.Diagnostics.Metrics;

namespace LoadHarness.Postgres.Health;

/// <summary>
/// Samples every Npgsql pool of this process once a second from Npgsql's own metrics (meter "Npgsql":
/// db.client.connection.count by state, .max, .npgsql.pending_requests, .npgsql.timeouts) and keeps the peaks.
/// Start it before a run, <see cref="ResetPeaks"/> when the load starts, <see cref="Snapshot"/> after, then dispose.
/// </summary>
public sealed class NpgsqlPoolMonitor : IDisposable
{
    private const string MeterName = "Npgsql";
    private const string PoolTag = "db.client.connection.pool.name";
    private const string StateTag = "db.client.connection.state";

    private readonly MeterListener listener = new();
    private readonly Dictionary<string, PoolState> pools = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly Timer timer;

    public NpgsqlPoolMonitor(TimeSpan? interval = null)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MeterName && Kind(instrument.Name) is not null)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((i, value, tags, _) => OnMeasurement(i, value, tags));
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) => OnMeasurement(i, value, tags));
        listener.Start();
        var period = interval ?? TimeSpan.FromSeconds(1);
        timer = new Timer(_ => Sample(), null, period, period);
    }

    /// <summary>Takes one sample now (also done every interval).</summary>
    public void Sample()
    {
        listener.RecordObservableInstruments();
        lock (gate)
        {
            foreach (var pool in pools.Values)
            {
                pool.EndSample();
            }
        }
    }

    /// <summary>
    /// Forgets the peaks so far (each becomes the pool's state now): called when the load starts, so pools warmed by the
    /// init hooks (every connection "used" while it opened) do not show their warm-up as the run's peak.
    /// </summary>
    public void ResetPeaks()
    {
        listener.RecordObservableInstruments();
        lock (gate)
        {
            foreach (var pool in pools.Values)
            {
                pool.ResetPeaks();
            }
        }
    }

    /// <summary>The peaks so far, per pool name.</summary>
    public IReadOnlyList<PoolUsage> Snapshot()
    {
        Sample();
        lock (gate)
        {
            return pools.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new PoolUsage(p.Key, p.Value.PeakUsed, p.Value.PeakOpen, p.Value.Max, p.Value.PeakPending, p.Value.Timeouts))
                .ToArray();
        }
    }

    public void Dispose()
    {
        timer.Dispose();
        listener.Dispose();
    }

    private static string? Kind(string instrument) => instrument switch
    {
        "db.client.connection.count" => "count",
        "db.client.connection.max" => "max",
        "db.client.connection.npgsql.pending_requests" => "pending",
        "db.client.connection.npgsql.timeouts" => "timeouts",
        _ => null,
    };

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? poolName = null;
        string? state = null;
        foreach (var tag in tags)
        {
            if (tag.Key == PoolTag)
            {
                poolName = tag.Value as string;
            }
            else if (tag.Key == StateTag)
            {
                state = tag.Value as string;
            }
        }

        if (poolName is null)
        {
            return;
        }

        lock (gate)
        {
            if (!pools.TryGetValue(poolName, out var pool))
            {
                pools[poolName] = pool = new PoolState();
            }

            pool.Add(Kind(instrument.Name)!, state, value, instrument.IsObservable);
        }
    }

    /// <summary>Observable instruments report absolute values per sample; the others report deltas, accumulated here.</summary>
    private sealed class PoolState
    {
        private long used;
        private long idle;
        private long pending;

        public long PeakUsed { get; private set; }

        public long PeakOpen { get; private set; }

        public long PeakPending { get; private set; }

        public long Max { get; private set; }

        public long Timeouts { get; private set; }

        public void ResetPeaks()
        {
            PeakUsed = used;
            PeakOpen = used + idle;
            PeakPending = pending;
        }

        public void EndSample()
        {
            PeakUsed = Math.Max(PeakUsed, used);
            PeakOpen = Math.Max(PeakOpen, used + idle);
            PeakPending = Math.Max(PeakPending, pending);
        }

        public void Add(string kind, string? state, long value, bool observable)
        {
            switch (kind)
            {
                case "count" when state == "used":
                    used = observable ? value : used + value;
                    PeakUsed = Math.Max(PeakUsed, used);
                    break;
                case "count":
                    idle = observable ? value : idle + value;
                    break;
                case "max":
                    Max = observable ? value : Max + value;
                    break;
                case "pending":
                    pending = observable ? value : pending + value;
                    PeakPending = Math.Max(PeakPending, pending);
                    break;
                case "timeouts":
                    Timeouts = observable ? value : Timeouts + value;
                    break;
            }
        }
    }
}
