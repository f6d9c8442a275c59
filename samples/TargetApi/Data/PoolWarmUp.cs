using Npgsql;

namespace TargetApi.Data;

/// <summary>
/// At startup, before the API is reported healthy: opens the connection string's Minimum Pool Size connections (a few
/// at a time) and returns them to the pool, as a service that has been running has its pool open. Without it the
/// pool opens a server process per connection exactly when the load rises, and on a busy machine that storm of forks
/// stalls every request for seconds. Min Pool Size 0 (Npgsql's default): nothing is opened.
/// </summary>
internal sealed class PoolWarmUp(NpgsqlDataSource dataSource, ILogger<PoolWarmUp> logger) : IHostedService
{
    private const int ParallelOpens = 4;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var count = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).MinPoolSize;
        var opened = new List<NpgsqlConnection>(count);
        try
        {
            for (var i = 0; i < count; i += ParallelOpens)
            {
                var batch = Enumerable.Range(0, Math.Min(ParallelOpens, count - i)).Select(_ => dataSource.OpenConnectionAsync(cancellationToken).AsTask());
                opened.AddRange(await Task.WhenAll(batch));
            }
        }
        catch (NpgsqlException e)
        {
            // The database is not there yet: /health says so; the pool opens connections on demand as before.
            logger.LogWarning("pool warm-up stopped after {Opened} of {Count} connections: {Message}", opened.Count, count, e.Message);
        }
        finally
        {
            foreach (var connection in opened)
            {
                await connection.DisposeAsync();
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
