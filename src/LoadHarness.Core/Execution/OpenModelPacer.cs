namespace LoadHarness.Core.Execution;

/// <summary>
/// Real clock only: a dedicated thread that sleeps until the open model's next arrival is due and releases it
/// then, instead of in batches on the scenario's control tick. It sleeps whole milliseconds while the arrival is
/// further away and 1 ms (the OS's finest sleep) when it is closer, spinning only for the last few microseconds,
/// so it stays cheap at any rate: an arrival starts at most about a millisecond (plus thread-pool dispatch) late.
/// </summary>
internal sealed class OpenModelPacer
{
    private const double SpinBelowMicros = 50;
    private const int IdlePollMs = 50;

    private readonly OpenModelDriver driver;
    private readonly TimeProvider time;
    private readonly string scenarioName;
    private readonly object signal = new();
    private readonly double microsPerTimestamp;
    private bool woken;
    private int started;

    public OpenModelPacer(OpenModelDriver driver, TimeProvider time, string scenarioName)
    {
        this.driver = driver;
        this.time = time;
        this.scenarioName = scenarioName;
        microsPerTimestamp = 1_000_000.0 / time.TimestampFrequency;
    }

    public void EnsureStarted()
    {
        if (Interlocked.Exchange(ref started, 1) == 0)
        {
            new Thread(Run) { IsBackground = true, Name = $"pacer {scenarioName}" }.Start();
        }
    }

    /// <summary>The plan was restarted or stopped: re-read it now.</summary>
    public void Wake()
    {
        lock (signal)
        {
            woken = true;
            Monitor.PulseAll(signal);
        }
    }

    private void Run()
    {
        while (!driver.Stopped)
        {
            if (driver.ReleaseDue(time.GetTimestamp()) is { } next)
            {
                WaitUntil(next);
            }
            else
            {
                Sleep(IdlePollMs); // nothing left: wait for a restart (after warm-up) or the stop
            }
        }
    }

    private void WaitUntil(long due)
    {
        while (!driver.Stopped)
        {
            var remainingMicros = (due - time.GetTimestamp()) * microsPerTimestamp;
            if (remainingMicros <= 0)
            {
                return;
            }

            if (remainingMicros >= 2_000)
            {
                if (Sleep((int)(remainingMicros / 1000) - 1))
                {
                    return; // woken: the plan changed, re-read it
                }
            }
            else if (remainingMicros >= SpinBelowMicros)
            {
                Thread.Sleep(1);
            }
            else
            {
                while (time.GetTimestamp() < due)
                {
                    Thread.SpinWait(20);
                }

                return;
            }
        }
    }

    /// <summary>Sleeps up to <paramref name="ms"/>; returns true when woken early.</summary>
    private bool Sleep(int ms)
    {
        lock (signal)
        {
            if (!woken)
            {
                Monitor.Wait(signal, ms);
            }

            var wasWoken = woken;
            woken = false;
            return wasWoken;
        }
    }
}
