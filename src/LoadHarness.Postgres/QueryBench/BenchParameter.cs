namespace LoadHarness.Postgres.QueryBench;

/// <summary>
/// A query parameter drawn from real rows: <paramref name="From"/> is a query run once; each run of the benchmark takes
/// the next row (the column named like the parameter, else the first). Parameters with the same From share the row,
/// so a user id and that user's token stay together.
/// </summary>
/// <param name="Name">The name the query uses as @name (and a setting as "@name").</param>
/// <param name="From">e.g. "SELECT id FROM users ORDER BY random() LIMIT 100".</param>
public sealed record BenchParameter(string Name, string From);
