using System.Globalization;
using LoadHarness.Cli.Configuration;
using LoadHarness.Core.Load;
using LoadHarness.Core.Results;
using LoadHarness.Core.Scenarios;
using LoadHarness.Reporting.Formatting;
using LoadHarness.Scenarios.Catalog;

namespace LoadHarness.Cli.Output;

/// <summary>
/// What a run is about to do, one line per scenario before the load starts (k6's "scenarios:" block): its load plan,
/// think time and where its requests go, so a quick run's first screen says what it measures.
/// </summary>
internal static class RunPreamble
{
    /// <summary>"  quick: 20 VUs for 10 s, no think time → http://127.0.0.1:8080/health", one per scenario.</summary>
    public static IReadOnlyList<string> Lines(IEnumerable<ScenarioDefinition> scenarios, RunSettings settings, IReadOnlyDictionary<string, string> targets)
    {
        var catalog = new Lazy<ScenarioCatalog>(CliCatalog.Create); // only a shipped scenario needs it
        return scenarios.Select(s => $"  {s.Name}: {Plan(s)}{Think(s, settings)}{Destination(s.Name, settings, catalog, targets)}").ToArray();
    }

    /// <summary>"20 VUs for 10 s", "up to 100 VUs over 9m 00s", "up to 200 iterations/s over 1m 00s (at most 100 VUs)".</summary>
    public static string Plan(ScenarioDefinition s)
    {
        var plan = LoadPlan.Create(s.LoadSimulations, maxVUs: s.MaxVUs);
        var active = plan.Phases.Where(p => p.Duration > TimeSpan.Zero || p.Iterations is not null).ToArray();
        if (active.Length == 0)
        {
            return "no load";
        }

        if (plan.HasIterationPhases && plan.Model == LoadModel.Closed)
        {
            var copies = active.Max(p => Math.Max(p.From, p.To));
            return Invariant($"{copies:0} VU{(copies == 1 ? "" : "s")}, {active.Sum(p => p.Iterations ?? 0):#,0} iterations");
        }

        if (s.LoadSimulations.Where(l => l is not PauseSimulation).ToArray() is { Length: > 0 } loads && loads.All(l => l is IterationsForInjectSimulation))
        {
            // IterationsForInject alone (a quick run's --iterations with --rate): the count, at its rate.
            var injects = loads.Cast<IterationsForInjectSimulation>().ToArray();
            return Invariant($"{injects.Sum(i => (long)i.Iterations):#,0} iterations at {injects.Max(i => i.Rate / i.Interval.TotalSeconds):#,0.##} iterations/s (at most {s.MaxVUs ?? ScenarioDefinition.DefaultOpenModelMaxVUs:#,0} VUs)");
        }

        var peak = active.Max(p => Math.Max(p.From, p.To));
        var constant = active.All(p => p.From == peak && p.To == peak);
        var duration = NumberText.Duration(plan.Duration.TotalMilliseconds);
        var level = plan.Model == LoadModel.Open ? Invariant($"{peak:#,0.##} iterations/s") : Invariant($"{peak:#,0} VU{(peak == 1 ? "" : "s")}");
        var text = constant ? $"{level} for {duration}" : $"up to {level} over {duration}";
        return plan.Model == LoadModel.Open
            ? text + Invariant($" (at most {s.MaxVUs ?? ScenarioDefinition.DefaultOpenModelMaxVUs:#,0} VUs)")
            : text;
    }

    private static string Think(ScenarioDefinition s, RunSettings settings) =>
        s.ThinkTimeMax <= TimeSpan.Zero
            ? settings.Find(s.Name) is { Http: { } http } && HttpScenarioBinding.Bind(http).Requests.Any(r => r.ThinkTime is not null)
                ? ", think time per request"
                : ", no think time"
        : s.ThinkTimeMin == s.ThinkTimeMax ? $", think {NumberText.Duration(s.ThinkTimeMax.TotalMilliseconds)}"
        : $", think {NumberText.Duration(s.ThinkTimeMin.TotalMilliseconds)}–{NumberText.Duration(s.ThinkTimeMax.TotalMilliseconds)}";

    /// <summary>The scenario's own destination, else the target's API or database it uses; nothing when unknown.</summary>
    private static string Destination(string name, RunSettings settings, Lazy<ScenarioCatalog> catalog, IReadOnlyDictionary<string, string> targets)
    {
        var key = targets.ContainsKey(name) ? name
            : settings.Find(name) is { Sql: not null } ? "database"
            : settings.Find(name) is { Http: not null } ? "api"
            : catalog.Value.TryGet(name, out var descriptor) && !descriptor.Requires.HasFlag(ScenarioRequirements.Api) ? "database"
            : "api";
        if (!targets.TryGetValue(key, out var where) || where.Length == 0)
        {
            return "";
        }

        var sql = key == "database" || settings.Find(name) is { Sql: not null };
        return " → " + (sql ? Database(where) : where);
    }

    /// <summary>A connection string as "PostgreSQL host:port/database" (the report's Target row keeps it whole).</summary>
    internal static string Database(string connectionString)
    {
        try
        {
            var b = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            return b.Host is { Length: > 0 } host ? Invariant($"PostgreSQL {host}:{b.Port}/{b.Database ?? b.Username}") : connectionString;
        }
        catch (ArgumentException)
        {
            return connectionString;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
