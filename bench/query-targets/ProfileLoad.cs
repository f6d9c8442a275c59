using System.Diagnostics;
using System.Net.Http.Headers;
using TargetApi.Database;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace QueryTargets;

/// <summary>
/// A rough GET /api/profile check (the harness measures it properly): N closed-loop users, each request then 1 s think
/// time, against the API on real Kestrel in this process. Latency excludes think time.
/// </summary>
internal static class ProfileLoad
{
    public static async Task<(int Requests, int Errors, double P50Ms, double P95Ms, double P99Ms)> RunAsync(
        string apiConnectionString, int users, int seededUsers, TimeSpan duration)
    {
        await using var app = TargetApi.TargetApiApp.Build(["--urls", "http://127.0.0.1:0", "--ConnectionStrings:TargetDb", apiConnectionString, "--Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning"]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = users * 2 }) { BaseAddress = new Uri(address) };

        var latencies = new List<double>[users];
        var errors = 0;
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, users).Select(async vu =>
        {
            var own = latencies[vu] = [];
            var token = SampleDatabase.SeededAccessToken(1 + (vu * 97 % seededUsers));
            await Task.Delay(TimeSpan.FromMilliseconds(vu * 1000.0 / users));   // spread the starts over the first second
            while (Stopwatch.GetTimestamp() < end)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/profile");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                var start = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                own.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }

                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }));

        await app.StopAsync();
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return (all.Length, errors, Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99));
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];
}
