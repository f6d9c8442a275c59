namespace LoadHarness.Core.Load;

/// <summary>k6 <c>stages</c>: each (duration, target) is a linear ramp of VUs to the target.</summary>
public static class Stages
{
    public static LoadSimulation[] ToSimulations(IEnumerable<(TimeSpan Duration, int Target)> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var result = new List<LoadSimulation>();
        var previous = 0;
        foreach (var (duration, target) in stages)
        {
            // A stage that keeps the level is a KeepConstant: same plan, clearer in reports.
            result.Add(target == previous && result.Count > 0
                ? LoadSimulation.KeepConstant(target, duration)
                : LoadSimulation.RampingConstant(target, duration));
            previous = target;
        }

        return result.ToArray();
    }
}
