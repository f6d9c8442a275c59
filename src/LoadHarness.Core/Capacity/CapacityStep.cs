using LoadHarness.Core.Load;
using LoadHarness.Core.Results;

namespace LoadHarness.Core.Capacity;

/// <summary>
/// The load simulation of one capacity step: <c>KeepConstant(VUs, duration)</c> for the closed model,
/// <c>Inject(rate, 1 s, duration)</c> for the open one. Split by an execution segment like any plan, so N segments of a
/// step add up exactly to the step's load (VUs by cumulative flooring, arrivals by striping).
/// </summary>
public static class CapacityStep
{
    public static LoadSimulation Simulation(LoadModel model, int load, TimeSpan duration) =>
        model == LoadModel.Closed
            ? LoadSimulation.KeepConstant(load, duration)
            : LoadSimulation.Inject(load, TimeSpan.FromSeconds(1), duration);
}
