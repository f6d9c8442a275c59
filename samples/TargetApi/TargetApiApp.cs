using Npgsql;
using OpenTelemetry.Metrics;
using TargetApi.Auth;
using TargetApi.Data;
using TargetApi.Endpoints;
using TargetApi.Http;

namespace TargetApi;

/// <summary>
/// Builds the sample API: minimal API on Kestrel, one pooled NpgsqlDataSource (ConnectionStrings:TargetDb), and its
/// Npgsql pool metrics (meter "Npgsql": db.client.connection.count by state, .max, .pending_requests) on GET /metrics
/// in the Prometheus format, so a load test sees the application's own pool usage (Target.MetricsUrl). A connection
/// string with Minimum Pool Size opens that many connections at startup (<see cref="PoolWarmUp"/>).
/// </summary>
public static class TargetApiApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);

        var connectionString = builder.Configuration.GetConnectionString("TargetDb");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:TargetDb is not set (environment variable ConnectionStrings__TargetDb), e.g. " +
                "Host=127.0.0.1;Port=5432;Database=target;Username=target_api;Password=target_api");
        }

        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddSingleton<UserDb>();
        builder.Services.AddHostedService<PoolWarmUp>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter("Npgsql").AddPrometheusExporter());
        var extraDelay = ExtraDelay.Read(builder.Configuration);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapPrometheusScrapingEndpoint();
        ExtraDelay.Use(app, extraDelay);

        app.MapGet("/health", async (NpgsqlDataSource db, CancellationToken ct) =>
        {
            await using var command = db.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(ct);
            return Results.Ok(new { status = "ok" });
        });
        AuthEndpoints.Map(app);
        ProfileEndpoints.Map(app);
        WorkExperienceEndpoints.Map(app);
        NotificationEndpoints.Map(app);
        BusinessEndpoints.Map(app);
        AnalyticsEndpoints.Map(app);
        return app;
    }
}
