using System.Text;

namespace LoadHarness.Http.Tests.Conformance;

/// <summary>
/// Connection reuse against servers that close: HTTP/1.0, <c>Connection: close</c>, idle timeouts, and a close that
/// crosses the next request. One VU sends its requests one after the other, so every count is exact; each case runs
/// through both transports. A correct client never fails a request the server would have answered, never sends a
/// request twice unless it is idempotent, and never retries on a new connection.
/// </summary>
public sealed class KeepAliveReuseTests
{
    private const string Ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    private const int Sequential = 5;

    [Theory]
    [InlineData(HttpTransport.Sockets, "HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nabc")]
    [InlineData(HttpTransport.Raw, "HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nabc")]
    [InlineData(HttpTransport.Sockets, "HTTP/1.0 200 OK\r\n\r\nabc")]
    [InlineData(HttpTransport.Raw, "HTTP/1.0 200 OK\r\n\r\nabc")]
    [InlineData(HttpTransport.Sockets, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 3\r\n\r\nabc")]
    [InlineData(HttpTransport.Raw, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 3\r\n\r\nabc")]
    public async Task An_answer_then_a_close_costs_a_connection_per_request_and_no_request_is_sent_on_a_closed_one(HttpTransport transport, string answer)
    {
        await using var server = MisbehavingServer.Answering(answer, close: true);

        var (results, retries) = await SendSequentiallyAsync(server.BaseUrl, transport, HttpMethod.Get);

        Assert.All(results, r => Assert.True(r.IsOk, r.Response.Error));
        Assert.All(results, r => Assert.Equal(3, r.SizeBytes));
        Assert.Equal(Sequential, server.Requests);
        Assert.Equal(Sequential, server.Connections);
        Assert.Equal(0, retries);
    }

    [Theory]
    [InlineData(HttpTransport.Sockets)]
    [InlineData(HttpTransport.Raw)]
    public async Task Http_1_0_with_keep_alive_keeps_one_connection(HttpTransport transport)
    {
        await using var server = MisbehavingServer.Answering("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 3\r\n\r\nabc");

        var (results, retries) = await SendSequentiallyAsync(server.BaseUrl, transport, HttpMethod.Get);

        Assert.All(results, r => Assert.True(r.IsOk, r.Response.Error));
        Assert.Equal(1, server.Connections);
        Assert.Equal(Sequential, server.Requests);
        Assert.Equal(0, retries);
    }

    [Theory]
    [InlineData(HttpTransport.Sockets)]
    [InlineData(HttpTransport.Raw)]
    public async Task A_connection_the_server_closed_while_it_was_idle_is_not_used_again(HttpTransport transport)
    {
        // The server's keep-alive timeout (50 ms) is much shorter than the think time (1 s): a close timer that fires
        // more than (think − 50 ms) late lets the next request race the close (the next test's race, counted as a retry),
        // not a connection closed while idle. With 300 ms it failed so (2 retries) in loaded runs of an experimental
        // build; not reproduced on this code, the margin is kept wide anyway.
        await using var server = new MisbehavingServer(async c =>
        {
            while (await c.ReadRequestAsync() is not null)
            {
                await c.WriteAsync(Ok);
                await Task.Delay(50, c.Stop);
                c.Close();
                return;
            }
        });

        var (results, retries) = await SendSequentiallyAsync(server.BaseUrl, transport, HttpMethod.Get, TimeSpan.FromSeconds(1));

        Assert.All(results, r => Assert.True(r.IsOk, r.Response.Error));
        Assert.Equal(Sequential, server.Requests);
        Assert.Equal(Sequential, server.Connections);
        Assert.Equal(0, retries);
    }

    /// <summary>
    /// The race of an idle timeout, made exact: the server answers the first request of each connection and closes the
    /// connection when the second one arrives (a FIN, or an RST), as a server whose idle timer fired while the request
    /// was on its way. Idempotent requests are sent once more on a new connection and counted; others fail.
    /// </summary>
    [Theory]
    [InlineData(HttpTransport.Sockets, "GET", null, false, 0)]
    [InlineData(HttpTransport.Raw, "GET", null, false, 0)]
    [InlineData(HttpTransport.Sockets, "GET", null, true, 0)]
    [InlineData(HttpTransport.Raw, "GET", null, true, 0)]
    [InlineData(HttpTransport.Sockets, "PUT", null, true, 0)]
    [InlineData(HttpTransport.Raw, "DELETE", null, false, 0)]
    [InlineData(HttpTransport.Sockets, "POST", null, false, 2)]
    [InlineData(HttpTransport.Raw, "POST", null, false, 2)]
    [InlineData(HttpTransport.Sockets, "POST", null, true, 2)]
    [InlineData(HttpTransport.Raw, "PATCH", null, true, 2)]
    [InlineData(HttpTransport.Sockets, "POST", true, false, 0)]
    [InlineData(HttpTransport.Raw, "POST", true, true, 0)]
    [InlineData(HttpTransport.Sockets, "GET", false, true, 2)]
    [InlineData(HttpTransport.Raw, "GET", false, false, 2)]
    public async Task A_close_that_crosses_the_next_request_resends_only_idempotent_requests_once_on_a_new_connection(
        HttpTransport transport, string method, bool? idempotent, bool reset, int failures)
    {
        await using var server = new MisbehavingServer(async c =>
        {
            while (await c.ReadRequestAsync() is not null)
            {
                if (c.Index == 1)
                {
                    await c.WriteAsync(Ok);
                    continue;
                }

                if (reset)
                {
                    c.Reset();
                }
                else
                {
                    c.Close();
                }

                return;
            }
        });

        var (results, retries) = await SendSequentiallyAsync(server.BaseUrl, transport, new HttpMethod(method), idempotent: idempotent);

        // Each request after the first meets a connection that answered once: sent again on a new one (which answers
        // it), or failed; after a failure the next request opens a new connection, so failures are requests 2 and 4.
        var resent = failures == 0 ? Sequential - 1 : 0;
        Assert.Equal(failures, results.Count(r => !r.IsOk));
        Assert.All(results.Where(r => !r.IsOk), r => Assert.Equal(reset ? HttpErrors.ConnectionReset : HttpErrors.ResponseEnded, r.Response.ErrorKind));
        Assert.Equal(resent, retries);
        Assert.Equal(Sequential + resent, server.Requests);
        Assert.Equal(Sequential - failures, server.Connections);
    }

    /// <summary>The same race through the engine and the config: <c>"Idempotent": true</c> lets a POST be sent again; without it, it fails.</summary>
    [Theory]
    [InlineData(HttpTransport.Sockets, null, 2)]
    [InlineData(HttpTransport.Raw, null, 2)]
    [InlineData(HttpTransport.Sockets, true, 0)]
    [InlineData(HttpTransport.Raw, true, 0)]
    public async Task The_config_can_declare_a_post_idempotent(HttpTransport transport, bool? idempotent, long failures)
    {
        await using var server = new MisbehavingServer(async c =>
        {
            while (await c.ReadRequestAsync() is not null)
            {
                if (c.Index > 1)
                {
                    c.Close();
                    return;
                }

                await c.WriteAsync(Ok);
            }
        });

        var run = await ConformanceRun.RunAsync("post", server.BaseUrl, "/orders", transport, vus: 1, iterations: Sequential, thinkTime: "1ms", method: "POST", idempotent: idempotent);

        Assert.Equal(Sequential, run.Requests);
        Assert.Equal(failures, run.Failures);
        Assert.Equal((Sequential - failures, failures), (run.CheckPasses, run.CheckFails));
        Assert.Equal(failures == 0 ? Sequential - 1 : 0, run.Retries);

        // The result counts them: measurement http.retries (0 too), and a section naming the step when there were any.
        Assert.Equal((HttpRetries.MeasurementName, (double)run.Retries), (run.RetrySummary.Total.Name, run.RetrySummary.Total.Value));
        if (run.Retries == 0)
        {
            Assert.Null(run.RetrySummary.Section);
        }
        else
        {
            var note = Assert.Single(run.RetrySummary.Section!.Notes);
            Assert.EndsWith(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/request {run.Retries}"), note, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(HttpTransport.Sockets, false)]
    [InlineData(HttpTransport.Raw, false)]
    [InlineData(HttpTransport.Sockets, true)]
    [InlineData(HttpTransport.Raw, true)]
    public async Task A_new_connection_closed_without_an_answer_is_a_failure_and_never_retried(HttpTransport transport, bool reset)
    {
        await using var server = new MisbehavingServer(async c =>
        {
            if (await c.ReadRequestAsync() is not null)
            {
                if (reset)
                {
                    c.Reset();
                }
                else
                {
                    c.Close();
                }
            }
        });

        var (results, retries) = await SendSequentiallyAsync(server.BaseUrl, transport, HttpMethod.Get, count: 1);

        Assert.Equal(reset ? HttpErrors.ConnectionReset : HttpErrors.ResponseEnded, Assert.Single(results).Response.ErrorKind);
        Assert.Equal(1, server.Requests);
        Assert.Equal(0, retries);
    }

    /// <summary>Sends <paramref name="count"/> requests one after the other as one VU; the results and the retries counted for them.</summary>
    internal static async Task<(List<HttpResult> Results, long Retries)> SendSequentiallyAsync(
        string baseUrl, HttpTransport transport, HttpMethod method, TimeSpan? thinkTime = null, bool? idempotent = null, int count = Sequential)
    {
        using var http = HttpTarget.Create(baseUrl, new HttpTargetOptions { Transport = transport });
        var body = method == HttpMethod.Get || method == HttpMethod.Delete ? null : Encoding.UTF8.GetBytes("{\"n\":1}");
        var template = new HttpRequestTemplate(http, method, http.Resolve("/r"), body: body, contentType: body is null ? null : "application/json")
        {
            Idempotent = idempotent ?? HttpRequestTemplate.IsIdempotentMethod(method),
        };
        Assert.Equal(transport == HttpTransport.Raw, template.UsesRawTransport);
        var step = $"reuse-{Guid.NewGuid():N}";
        var results = new List<HttpResult>();
        using var ctx = new TestContext(TimeSpan.FromSeconds(60));
        for (var i = 0; i < count; i++)
        {
            results.Add(await HttpStep.Send(ctx, step, template));
            if (thinkTime is { } pause)
            {
                await Task.Delay(pause);
            }
        }

        return (results, HttpRetries.Of(ctx.ScenarioName, step));
    }
}
