using System.Text;
using Npgsql;

namespace LoadHarness.Postgres.Steps;

/// <summary>
/// Runs statements on a pooled connection and reads every row (a query is only done when its rows are read). With
/// local settings, they and the statements run in one transaction: the settings and the first statement in one round
/// trip (a batch), then each further statement, then COMMIT.
/// </summary>
public static class PgExecutor
{
    public static async Task<PgQueryResult> ExecuteAsync(NpgsqlDataSource dataSource, IReadOnlyList<PgStatement> statements,
        PgStepOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(statements);
        options ??= PgStepOptions.Default;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        NpgsqlTransaction? transaction = null;
        if (options.LocalSettings.Count > 0)
        {
            transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var total = new PgQueryResult(0, 0, null);
            for (var i = 0; i < statements.Count; i++)
            {
                await using var batch = new NpgsqlBatch(connection, transaction);
                if (i == 0)
                {
                    foreach (var (name, value) in options.LocalSettings)
                    {
                        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config($1, $2, true)")
                        {
                            Parameters = { new NpgsqlParameter<string> { TypedValue = name }, new NpgsqlParameter<string> { TypedValue = value } },
                        });
                    }
                }

                var command = new NpgsqlBatchCommand(statements[i].Sql);
                foreach (var value in statements[i].Parameters)
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
                }

                batch.BatchCommands.Add(command);
                if (options.Prepare)
                {
                    // A no-op without a round trip once this pooled connection has the statement prepared.
                    await batch.PrepareAsync(cancellationToken).ConfigureAwait(false);
                }

                await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                for (var skip = batch.BatchCommands.Count - 1; skip > 0; skip--)
                {
                    await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                }

                total = await ReadAsync(reader, total, cancellationToken).ConfigureAwait(false);
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return total;
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<PgQueryResult> ReadAsync(NpgsqlDataReader reader, PgQueryResult total, CancellationToken ct)
    {
        var (rows, bytes, first) = total;
        var firstOfThis = true;
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            rows++;
            for (var column = 0; column < reader.FieldCount; column++)
            {
                if (reader.IsDBNull(column))
                {
                    continue;
                }

                var value = reader.GetValue(column);
                bytes += SizeOf(value);
                if (firstOfThis && column == 0)
                {
                    first = value;
                }
            }

            firstOfThis = false;
        }

        return new PgQueryResult(rows, bytes, first);
    }

    private static long SizeOf(object value) => value switch
    {
        string s => Encoding.UTF8.GetByteCount(s),
        byte[] b => b.Length,
        Guid => 16,
        bool or byte or sbyte => 1,
        short or ushort => 2,
        int or uint or float or DateOnly => 4,
        long or ulong or double or DateTime or DateTimeOffset or TimeSpan or TimeOnly => 8,
        decimal => 16,
        Array array => SizeOfArray(array),
        _ => 8,
    };

    private static long SizeOfArray(Array array)
    {
        long size = 0;
        foreach (var item in array)
        {
            size += item is null ? 0 : SizeOf(item);
        }

        return size;
    }
}
