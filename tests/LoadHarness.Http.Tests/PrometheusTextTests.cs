using LoadHarness.Http.Metrics;

namespace LoadHarness.Http.Tests;

/// <summary>The Prometheus text format as OpenTelemetry's exporter writes Npgsql's pool metrics, and what a scrape keeps of it.</summary>
public sealed class PrometheusTextTests
{
    private const string Exposition =
        """
        # TYPE db_client_connection_count gauge
        # HELP db_client_connection_count The number of connections that are currently in state described by the state attribute.
        db_client_connection_count{otel_scope_name="Npgsql",db_client_connection_pool_name="Host=127.0.0.1;Database=a",db_client_connection_state="idle"} 3 1733446800000
        db_client_connection_count{otel_scope_name="Npgsql",db_client_connection_pool_name="Host=127.0.0.1;Database=a",db_client_connection_state="used"} 7 1733446800000
        db_client_connection_count{db_client_connection_pool_name="b \"quoted\" \\ pool",db_client_connection_state="used"} 1
        # TYPE db_client_connection_max gauge
        db_client_connection_max{db_client_connection_pool_name="Host=127.0.0.1;Database=a"} 10
        db_client_connection_max{db_client_connection_pool_name="b \"quoted\" \\ pool"} 10
        http_server_active_requests{http_request_method="GET"} NaN
        process_up +Inf
        not a sample line
        # EOF
        """;

    [Fact]
    public void Samples_are_read_with_labels_unescaped_special_values_and_bad_lines_skipped()
    {
        var samples = PrometheusText.Parse(Exposition);

        Assert.Equal(7, samples.Count);
        Assert.Equal("b \"quoted\" \\ pool", samples[2].Label("db_client_connection_pool_name"));
        Assert.Equal(7, samples[1].Value);
        Assert.True(double.IsNaN(samples[5].Value));
        Assert.Equal(double.PositiveInfinity, samples[6].Value);
    }

    [Fact]
    public void The_database_pool_is_summed_over_pools_by_state()
    {
        var pool = DbClientPool.Read(PrometheusText.Parse(Exposition));

        Assert.Equal((8d, 3d, 20d, (double?)null), pool);
        Assert.Null(DbClientPool.Read(PrometheusText.Parse("process_up 1\n")));
    }
}
