using LoadHarness.Core.Results;

namespace LoadHarness.Reporting.Tests.Fixtures;

/// <summary>A scenario of a fixture run: its steps' recorders, the whole-iteration recorder, the plan and checks.</summary>
internal sealed class ScenarioRecorder(string name, LoadModel model)
{
    private readonly List<SampleRecorder> steps = [];
    private readonly List<PlanPoint> plan = [];
    private readonly List<CheckResult> checks = [];

    public string Name { get; } = name;

    public LoadModel Model { get; } = model;

    /// <summary>Whole iterations (the scenario's own stats).</summary>
    public SampleRecorder Iterations { get; } = new(name);

    public SampleRecorder Step(string stepName)
    {
        var step = steps.FirstOrDefault(s => s.Name == stepName);
        if (step is null)
        {
            steps.Add(step = new SampleRecorder(stepName));
        }

        return step;
    }

    public void Plan(double timeSec, double value) => plan.Add(new PlanPoint(timeSec, value));

    public void Check(string checkName, string? step, long passes, long fails) =>
        checks.Add(new CheckResult { Name = checkName, Step = step, Passes = passes, Fails = fails });

    public ScenarioResult Build(double durationSec)
    {
        var stats = Iterations.Stats(durationSec);
        var timeline = Iterations.Timeline();
        return new ScenarioResult
        {
            Name = Name,
            Model = Model,
            Stats = stats,
            Steps = [.. steps.Select(s => new StepResult { Name = s.Name, Stats = s.Stats(durationSec), Timeline = s.Timeline() })],
            Iterations = new IterationCounts { Started = stats.RequestCount, Completed = stats.RequestCount },
            Timeline = timeline,
            PlannedLoad = [.. plan],
            Checks = [.. checks],
            DurationMs = durationSec * 1000,
            PeakVUs = timeline.Count == 0 ? 0 : timeline.Max(p => p.ActiveVUs),
        };
    }
}
