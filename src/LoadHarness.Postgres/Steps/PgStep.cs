using LoadHarness.Core.Scenarios;
using Npgsql;

namespace LoadHarness.Postgres.Steps;

/// <summary>
/// A recorded database step: <c>await PgStep.Query(ctx, "unread_count", dataSource, PgStatement.Of(sql, userId))</c>.
/// Reads every row; ok responses carry the approximate payload bytes; server errors fail with kind
/// <c>pg &lt;SqlState&gt;</c>, timeouts with <c>timeout</c> (the engine's request timeout cancels the query).
/// </summary>
public static class PgStep
{
    public static ValueTask<Response> Query(IScenarioContext context, string stepName, NpgsqlDataSource dataSource,
        PgStatement statement, PgStepOptions? options = null, Action<PgQueryResult>? onResult = null) =>
        Query(context, stepName, dataSource, [statement], options, onResult);

    /// <summary>Several statements, one after another on one connection (one round trip each), as one step.</summary>
    public static ValueTask<Response> Query(IScenarioContext context, string stepName, NpgsqlDataSource dataSource,
        IReadOnlyList<PgStatement> statements, PgStepOptions? options = null, Action<PgQueryResult>? onResult = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Step.Run(stepName, context, async () =>
        {
            PgQueryResult result;
            try
            {
                result = await PgExecutor.ExecuteAsync(dataSource, statements, options, context.CancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (PgErrors.ToResponse(e) is { } failed)
            {
                return failed;
            }

            onResult?.Invoke(result);
            return Response.Ok(0, result.Bytes);
        });
    }
}
