namespace LoadHarness.Postgres.Steps;

/// <summary>What a step's statements returned: rows read, approximate payload bytes, the first row's first value.</summary>
/// <param name="Rows">Rows read, over every statement.</param>
/// <param name="Bytes">Approximate payload: text as UTF-8, fixed-size values by their wire size.</param>
/// <param name="FirstValue">The first column of the first row of the last statement that returned a row, else null.</param>
public readonly record struct PgQueryResult(long Rows, long Bytes, object? FirstValue);
