namespace LoadHarness.Postgres.Scenarios;

/// <summary>
/// One parameter of a <c>Sql</c> query: <see cref="Name"/> is <c>@Name</c> in the SQL (or its position: the first
/// parameter is <c>$1</c>), its values the rows of <see cref="From"/>, drawn at random each iteration.
/// </summary>
public sealed class SqlParameterSettings
{
    public string Name { get; set; } = "";

    /// <summary>
    /// A query run once before the load, e.g. <c>SELECT id FROM users ORDER BY random() LIMIT 10000</c>: the column named
    /// like the parameter, else the first column. Parameters with the same <c>From</c> take their values from the same
    /// drawn row (the same user for every query of an iteration).
    /// </summary>
    public string From { get; set; } = "";
}
