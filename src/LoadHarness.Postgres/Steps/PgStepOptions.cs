namespace LoadHarness.Postgres.Steps;

/// <summary>How <see cref="PgStep"/> runs its statements.</summary>
public sealed record PgStepOptions
{
    public static readonly PgStepOptions Default = new();

    /// <summary>
    /// Settings made with <c>set_config(name, value, true)</c> in a transaction around the statements, e.g.
    /// <c>app.user_id</c> for row-level security policies. Empty: no explicit transaction.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> LocalSettings { get; init; } = [];

    /// <summary>Prepare the statements (server-side, kept per pooled connection). Default true.</summary>
    public bool Prepare { get; init; } = true;

    /// <summary>Options with one transaction-local setting.</summary>
    public static PgStepOptions WithLocalSetting(string name, string value) =>
        new() { LocalSettings = [new KeyValuePair<string, string>(name, value)] };
}
