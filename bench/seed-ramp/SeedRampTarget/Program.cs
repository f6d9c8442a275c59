// bench/seed-ramp's target: a small Kestrel app on 127.0.0.1 (port from --urls), in its own process.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

long firstRequestUnixMs = 0;
app.Use(async (context, next) =>
{
    if (!context.Request.Path.StartsWithSegments("/bench"))
        Interlocked.CompareExchange(ref firstRequestUnixMs, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 0);
    await next(context);
});

const string Profile = """{"user_id":"6f1c2a9e-0b7d-4f55-9d3e-2a1c8b7e4f10","email":"user1@example.test","full_name":"User One","headline":"Engineer","location":"Lisbon","experience_years":7}""";
app.MapGet("/api/profile", () => Results.Text(Profile, "application/json"));
app.MapGet("/", () => Results.Text("ok"));
app.MapGet("/health", () => Results.Text("ok"));
// When the first request other than /bench/* arrived (Unix ms; 0 = none yet); POST /bench/reset forgets it.
app.MapGet("/bench/first", () => Results.Text(Interlocked.Read(ref firstRequestUnixMs).ToString(System.Globalization.CultureInfo.InvariantCulture)));
app.MapPost("/bench/reset", () => { Interlocked.Exchange(ref firstRequestUnixMs, 0); return Results.Text("ok"); });
app.Run();
