using Xunit.Abstractions;

namespace LoadHarness.Http.Tests.Conformance;

/// <summary>
/// The two servers a gate once failed on, though they answered every request (issue 14), through the engine and the
/// config as a user runs them, on both transports: python's http.server (HTTP/1.0, a close after each answer) and
/// nginx closing idle kept-alive connections just as the next request comes (its keep-alive timeout equal to the think
/// time). A correct client gets no failure; what the client had to send again is counted as retries.
/// </summary>
public sealed class RealServerTests(PythonHttpServer python, NginxServer nginx, ITestOutputHelper output)
    : IClassFixture<PythonHttpServer>, IClassFixture<NginxServer>
{
    [Theory]
    [InlineData(HttpTransport.Sockets)]
    [InlineData(HttpTransport.Raw)]
    public async Task Python_http_server_answers_every_request(HttpTransport transport)
    {
        var run = await ConformanceRun.RunAsync("python http.server", python.BaseUrl, PythonHttpServer.File, transport, vus: 5, iterations: 150, thinkTime: "100ms");
        output.WriteLine(run.ToString());

        Assert.Equal(150, run.Requests);
        Assert.Equal(0, run.Failures);
        Assert.Equal((150L, 0L), (run.CheckPasses, run.CheckFails));
    }

    [Theory]
    [InlineData(HttpTransport.Sockets, NginxServer.KeepAliveTimeoutMs)]
    [InlineData(HttpTransport.Raw, NginxServer.KeepAliveTimeoutMs)]
    [InlineData(HttpTransport.Sockets, NginxServer.KeepAliveTimeoutMs - 10)]
    [InlineData(HttpTransport.Raw, NginxServer.KeepAliveTimeoutMs - 10)]
    public async Task Nginx_closing_idle_connections_as_the_next_request_comes_answers_every_request(HttpTransport transport, int thinkMs)
    {
        var run = await ConformanceRun.RunAsync($"nginx keepalive_timeout {NginxServer.KeepAliveTimeoutMs}ms, think {thinkMs}ms", nginx.BaseUrl, "/", transport, vus: 10, iterations: 120, thinkTime: $"{thinkMs}ms");
        output.WriteLine(run.ToString());

        Assert.Equal(120, run.Requests);
        Assert.Equal(0, run.Failures);
        Assert.Equal((120L, 0L), (run.CheckPasses, run.CheckFails));
    }
}
