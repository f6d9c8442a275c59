using LoadHarness.Core.Execution;

namespace LoadHarness.Cli.Output;

/// <summary>Non-interactive progress (CI, redirected output, <c>--ci</c>): one compact line per scenario every ReportingInterval.</summary>
internal sealed class CiProgress(TextWriter output, TimeSpan reportingInterval, IReadOnlySet<string> openScenarios) : IRunProgress
{
    private readonly TimeSpan interval = reportingInterval;
    private TimeSpan nextAt = reportingInterval;

    public void OnSnapshot(RunSnapshot snapshot)
    {
        // Snapshots come about once a second; a little slack so one at 0.99 s counts for the 1 s mark.
        var now = snapshot.Elapsed + TimeSpan.FromMilliseconds(250);
        if (now < nextAt)
        {
            return;
        }

        while (nextAt <= now)
        {
            nextAt += interval;
        }

        foreach (var s in snapshot.Scenarios)
        {
            var state = s.IsFinished ? "done" : s.IsWarmingUp ? "warm-up" : ProgressText.Clock(s.Elapsed) + "/" + ProgressText.Clock(s.Total);
            output.WriteLine(
                $"[{ProgressText.Clock(snapshot.Elapsed)}] {s.Name}  {state}  {ProgressText.Load(s, openScenarios.Contains(s.Name))}  "
                + $"rps {ProgressText.Number(s.Rps)}  p95 {ProgressText.Ms(s.P95Ms)} ms  err {ProgressText.Percent(s.ErrorRate)}  "
                + $"reqs {s.TotalRequests}  thresholds {ProgressText.Thresholds(snapshot, s.Name)}");
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
