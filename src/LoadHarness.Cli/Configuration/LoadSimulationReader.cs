using LoadHarness.Core.Load;
using LoadHarness.Core.Results;
using Microsoft.Extensions.Configuration;

namespace LoadHarness.Cli.Configuration;

/// <summary>
/// Reads NBomber's <c>LoadSimulationsSettings</c> (<c>[{ "RampingConstant": [10, "00:00:30"] }, ...]</c>) and k6-style
/// <c>Stages</c> (<c>[{ "Duration": "1m", "Target": 10 }]</c>) into load simulations, reporting every bad value by its path.
/// </summary>
internal static class LoadSimulationReader
{
    // Argument kinds: 'v' VUs/rate >= 0, 'V' > 0, 'd' positive duration, 'n' iterations > 0.
    private static readonly Dictionary<string, string> Signatures = new(StringComparer.OrdinalIgnoreCase)
    {
        ["RampingConstant"] = "vd",
        ["KeepConstant"] = "Vd",
        ["IterationsForConstant"] = "Vn",
        ["RampingInject"] = "vdd",
        ["Inject"] = "Vdd",
        ["InjectRandom"] = "vVdd",
        ["IterationsForInject"] = "Vdn",
        ["Pause"] = "d",
    };

    private static readonly Dictionary<string, string[]> ArgumentNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["RampingConstant"] = ["copies", "during"],
        ["KeepConstant"] = ["copies", "during"],
        ["IterationsForConstant"] = ["copies", "iterations"],
        ["RampingInject"] = ["rate", "interval", "during"],
        ["Inject"] = ["rate", "interval", "during"],
        ["InjectRandom"] = ["minRate", "maxRate", "interval", "during"],
        ["IterationsForInject"] = ["rate", "interval", "iterations"],
        ["Pause"] = ["during"],
    };

    public static IReadOnlyList<LoadSimulation>? ReadSimulations(IConfigurationSection section, ConfigValues values)
    {
        var path = ConfigValues.PathOf(section);
        var items = ConfigValues.Items(section);
        var result = new List<LoadSimulation>();
        var ok = true;
        foreach (var item in items)
        {
            var kinds = item.GetChildren().ToArray();
            var itemPath = ConfigValues.PathOf(item);
            if (kinds.Length != 1)
            {
                values.Problems.Add(itemPath, $"each load simulation is an object with one key ({string.Join(", ", ConfigSchema.SimulationKinds)})");
                ok = false;
                continue;
            }

            if (!Signatures.TryGetValue(kinds[0].Key, out var signature))
            {
                ok = false; // reported by the unknown-key check
                continue;
            }

            var simulation = ReadOne(kinds[0], signature, values);
            ok &= simulation is not null;
            if (simulation is not null)
            {
                result.Add(simulation);
            }
        }

        if (ok && result.Count == 0)
        {
            values.Problems.Add(path, "at least one load simulation is needed");
            return null;
        }

        return ok ? CheckModels(result, path, values) : null;
    }

    public static IReadOnlyList<LoadSimulation>? ReadStages(IConfigurationSection section, ConfigValues values)
    {
        var stages = new List<(TimeSpan, int)>();
        var ok = true;
        foreach (var stage in ConfigValues.Items(section))
        {
            var duration = values.Duration(stage.GetSection("Duration"), positive: true);
            var target = values.Int(stage.GetSection("Target"), 0, "a whole number of VUs");
            if (!ConfigValues.IsPresent(stage.GetSection("Duration")))
            {
                values.Problems.Add(ConfigValues.PathOf(stage), "a stage needs a Duration");
            }

            if (!ConfigValues.IsPresent(stage.GetSection("Target")))
            {
                values.Problems.Add(ConfigValues.PathOf(stage), "a stage needs a Target (VUs)");
            }

            ok &= duration is not null && target is not null;
            if (duration is { } d && target is { } t)
            {
                stages.Add((d, t));
            }
        }

        if (ok && stages.Count == 0)
        {
            values.Problems.Add(ConfigValues.PathOf(section), "at least one stage is needed");
            return null;
        }

        return ok ? Stages.ToSimulations(stages) : null;
    }

    private static LoadSimulation? ReadOne(IConfigurationSection kind, string signature, ConfigValues values)
    {
        var path = ConfigValues.PathOf(kind);
        IReadOnlyList<IConfigurationSection> args = kind.Value is not null ? [kind] : ConfigValues.Items(kind);
        var names = ArgumentNames[kind.Key];
        if (args.Count != signature.Length)
        {
            values.Problems.Add(path, $"{kind.Key} takes {signature.Length} values [{string.Join(", ", names)}], got {args.Count}");
            return null;
        }

        var numbers = new int[signature.Length];
        var durations = new TimeSpan[signature.Length];
        var ok = true;
        for (var i = 0; i < signature.Length; i++)
        {
            var arg = args[i];
            switch (signature[i])
            {
                case 'd':
                    var argPath = kind.Value is not null ? path : ConfigPath.Index(path, i);
                    var text = arg.Value ?? "";
                    var duration = values.ParseDuration(text, argPath, positive: true);
                    ok &= duration is not null;
                    durations[i] = duration ?? TimeSpan.Zero;
                    break;
                default:
                    var number = values.Int(arg, signature[i] == 'v' ? 0 : 1, names[i] == "iterations" ? "a whole number of iterations" : $"a whole number ({names[i]})");
                    ok &= number is not null;
                    numbers[i] = number ?? 0;
                    break;
            }
        }

        if (!ok)
        {
            return null;
        }

        try
        {
            return kind.Key.ToUpperInvariant() switch
            {
                "RAMPINGCONSTANT" => LoadSimulation.RampingConstant(numbers[0], durations[1]),
                "KEEPCONSTANT" => LoadSimulation.KeepConstant(numbers[0], durations[1]),
                "ITERATIONSFORCONSTANT" => LoadSimulation.IterationsForConstant(numbers[0], numbers[1]),
                "RAMPINGINJECT" => LoadSimulation.RampingInject(numbers[0], durations[1], durations[2]),
                "INJECT" => LoadSimulation.Inject(numbers[0], durations[1], durations[2]),
                "INJECTRANDOM" => LoadSimulation.InjectRandom(numbers[0], numbers[1], durations[2], durations[3]),
                "ITERATIONSFORINJECT" => LoadSimulation.IterationsForInject(numbers[0], durations[1], numbers[2]),
                _ => LoadSimulation.Pause(durations[0]),
            };
        }
        catch (ArgumentOutOfRangeException e)
        {
            values.Problems.Add(path, e.Message.Split(" (Parameter", 2)[0]);
            return null;
        }
    }

    private static IReadOnlyList<LoadSimulation>? CheckModels(List<LoadSimulation> simulations, string path, ConfigValues values)
    {
        var closed = simulations.Select((s, i) => (s, i)).Where(x => x.s.Model == LoadModel.Closed).ToArray();
        var open = simulations.Select((s, i) => (s, i)).Where(x => x.s.Model == LoadModel.Open).ToArray();
        if (closed.Length > 0 && open.Length > 0)
        {
            values.Problems.Add(path, $"the closed model ({KindName(closed[0].s)} at [{closed[0].i}]) and the open model "
                + $"({KindName(open[0].s)} at [{open[0].i}]) cannot be mixed in one scenario; split it into two scenarios");
            return null;
        }

        return simulations;
    }

    private static string KindName(LoadSimulation simulation) => simulation.GetType().Name.Replace("Simulation", "", StringComparison.Ordinal);
}
