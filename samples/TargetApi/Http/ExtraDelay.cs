using System.Globalization;

namespace TargetApi.Http;

/// <summary>
/// A planted slowdown for measuring the harness's comparison: <c>TARGETAPI_EXTRA_DELAY_MS</c> (environment variable or
/// configuration key) adds a fixed delay to every request but <c>/health</c> and <c>/metrics</c> (the Prometheus scrape). Unset or 0: no middleware at all.
/// </summary>
public static class ExtraDelay
{
    public const string Key = "TARGETAPI_EXTRA_DELAY_MS";

    /// <summary>The configured delay; throws naming the key when the value is not a number of milliseconds from 0 to 60,000.</summary>
    public static TimeSpan Read(IConfiguration configuration)
    {
        var text = configuration[Key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return TimeSpan.Zero;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) || !double.IsFinite(ms) || ms < 0 || ms > 60_000)
        {
            throw new InvalidOperationException($"{Key}: '{text}' is not a delay in milliseconds from 0 to 60000 (e.g. 5 or 2.5)");
        }

        return TimeSpan.FromMilliseconds(ms);
    }

    public static void Use(WebApplication app, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
                && !context.Request.Path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase))
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            await next(context);
        });
    }
}
