using Npgsql;

namespace TargetApi.Data;

/// <summary>Queries whose single value is the response's JSON document, built by PostgreSQL.</summary>
public static class JsonQuery
{
    /// <summary>The JSON text of the first column of the first row, or null when there is no row or it is NULL.</summary>
    public static async Task<string?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return await command.ExecuteScalarAsync(ct) as string;
    }

    public static IResult Ok(string json) => Results.Text(json, "application/json; charset=utf-8");
}
