namespace LoadHarness.Postgres.Scenarios;

/// <summary>One query of the built-in <c>Sql</c> scenario; it becomes a step named <see cref="Name"/> (and names its statement: <c>db.statement(Name)</c>).</summary>
public sealed class SqlQuerySettings
{
    public string Name { get; set; } = "";

    /// <summary>The statement, with <c>@Name</c> or <c>$1</c>.. placeholders for <see cref="Parameters"/>; prepared, run on pooled connections.</summary>
    public string Sql { get; set; } = "";

    public List<SqlParameterSettings> Parameters { get; set; } = [];

    /// <summary>k6-style checks on the rows read: <c>rows &gt;= 1</c>, <c>rows == 1</c>, <c>one row: rows == 1</c>.</summary>
    public List<string> Checks { get; set; } = [];
}
