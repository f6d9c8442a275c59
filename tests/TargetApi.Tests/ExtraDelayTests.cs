using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TargetApi.Http;
using Xunit;

namespace TargetApi.Tests;

/// <summary>TARGETAPI_EXTRA_DELAY_MS: the planted slowdown that compare's sensitivity is measured with.</summary>
public sealed class ExtraDelayTests
{
    private static IConfiguration Config(string? value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ExtraDelay.Key] = value }).Build();

    [Theory]
    [InlineData(null, 0)]
    [InlineData("", 0)]
    [InlineData("2.5", 2.5)]
    [InlineData("40", 40)]
    public void The_delay_is_read_in_milliseconds(string? value, double expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), ExtraDelay.Read(Config(value)));

    [Theory]
    [InlineData("fast")]
    [InlineData("-1")]
    [InlineData("1e9")]
    public void A_value_that_is_not_a_delay_names_the_key(string value)
    {
        var e = Assert.Throws<InvalidOperationException>(() => ExtraDelay.Read(Config(value)));
        Assert.StartsWith(ExtraDelay.Key + ": '" + value + "'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_request_but_health_waits_at_least_the_delay_on_real_kestrel()
    {
        // No database is needed: an unknown path answers 404 after the middleware.
        await using var app = TargetApiApp.Build(["--urls", "http://127.0.0.1:0", "--ConnectionStrings:TargetDb", "Host=127.0.0.1;Port=1", "--" + ExtraDelay.Key, "300"]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(new Uri("/no-such-path", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), $"answered after {clock.Elapsed.TotalMilliseconds} ms"); // a lower bound only
        await app.StopAsync();
    }
}
