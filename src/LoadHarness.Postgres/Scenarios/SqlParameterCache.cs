using System.Collections.Concurrent;

namespace LoadHarness.Postgres.Scenarios;

/// <summary>
/// Parameter rows read once by <see cref="SqlScenarios.CheckAsync"/> before the run, handed to the scenarios' init: the
/// parameter queries then run before the run's database figures start (their scans are not the load's), and once even
/// when a command runs the test twice (before/after).
/// </summary>
public sealed class SqlParameterCache
{
    private readonly ConcurrentDictionary<(string ConnectionString, string From), SqlParameterRows> rows = new();

    internal bool TryGet(string connectionString, string from, out SqlParameterRows found) =>
        rows.TryGetValue((connectionString, from), out found!);

    internal void Add(string connectionString, string from, SqlParameterRows loaded) => rows[(connectionString, from)] = loaded;
}
