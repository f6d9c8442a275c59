using LoadHarness.Core.Scenarios;
using LoadHarness.Http.Checks;

namespace LoadHarness.Http.Tests.Conformance;

/// <summary>
/// Faults caused for real, through both transports: each is one failure of its own kind (never an exception's type
/// name), the checks of a failed request are judged (a timeout's are not), and the VU goes on.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class FaultKindTests(ConformanceKestrel kestrel)
{
    public static TheoryData<HttpTransport, string, string, string> Servers() => new()
    {
        { HttpTransport.Sockets, "reset mid-body", "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n" + new string('x', 20_000), HttpErrors.ConnectionReset },
        { HttpTransport.Raw, "reset mid-body", "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n" + new string('x', 20_000), HttpErrors.ConnectionReset },
        { HttpTransport.Sockets, "body shorter than its Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b", HttpErrors.TruncatedBody },
        { HttpTransport.Raw, "body shorter than its Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b", HttpErrors.TruncatedBody },
        { HttpTransport.Sockets, "chunks cut short", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nonly half", HttpErrors.TruncatedBody },
        { HttpTransport.Raw, "chunks cut short", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nonly half", HttpErrors.TruncatedBody },
        { HttpTransport.Sockets, "status line without a code", "HTTP/1.1 OK\r\nContent-Length: 2\r\n\r\nok", HttpErrors.InvalidResponse },
        { HttpTransport.Raw, "status line without a code", "HTTP/1.1 OK\r\nContent-Length: 2\r\n\r\nok", HttpErrors.InvalidResponse },
        { HttpTransport.Sockets, "not HTTP at all", "SSH-2.0-OpenSSH_9.2\r\n", HttpErrors.InvalidResponse },
        { HttpTransport.Raw, "not HTTP at all", "SSH-2.0-OpenSSH_9.2\r\n", HttpErrors.InvalidResponse },
    };

    /// <summary>The server writes <paramref name="answer"/> to the first request; a reset fault then resets, the others close.</summary>
    [Theory]
    [MemberData(nameof(Servers))]
    public async Task A_broken_answer_is_one_failure_of_its_own_kind(HttpTransport transport, string fault, string answer, string kind)
    {
        await using var server = new MisbehavingServer(async c =>
        {
            if (await c.ReadRequestAsync() is null)
            {
                return;
            }

            await c.WriteAsync(answer);
            if (kind == HttpErrors.ConnectionReset)
            {
                await Task.Delay(100, c.Stop); // the client is reading the body
                c.Reset();
            }
            else if (fault == "not HTTP at all")
            {
                await c.IdleUntilStoppedAsync(); // a server that answers something else, then waits
            }
            else
            {
                c.Close();
            }
        });

        var result = await SendOnceAsync(server.BaseUrl, transport, TimeSpan.FromSeconds(30));

        Assert.False(result.IsOk);
        Assert.Equal(kind, result.Response.ErrorKind);
    }

    [Theory]
    [InlineData(HttpTransport.Sockets)]
    [InlineData(HttpTransport.Raw)]
    public async Task A_refused_connection_is_connection_refused_and_its_checks_fail(HttpTransport transport)
    {
        using var http = HttpTarget.Create($"http://127.0.0.1:{LoopbackServer.ClosedPort()}", new HttpTargetOptions { Transport = transport });
        using var ctx = new TestContext(TimeSpan.FromSeconds(30));

        var result = await http.GetAsync(ctx, "refused", "/", HttpCheck.ParseAll("status == 200"));

        Assert.Equal(HttpErrors.ConnectionRefused, result.Response.ErrorKind);
        Assert.Equal([("status == 200", false)], ctx.Checks);
    }

    [Theory]
    [InlineData(HttpTransport.Sockets)]
    [InlineData(HttpTransport.Raw)]
    public async Task Headers_never_sent_end_in_a_timeout_and_the_vu_goes_on(HttpTransport transport)
    {
        await using var server = new MisbehavingServer(async c =>
        {
            if (await c.ReadRequestAsync() is not null)
            {
                await c.IdleUntilStoppedAsync();
            }
        });
        using var http = HttpTarget.Create(server.BaseUrl, new HttpTargetOptions { Transport = transport });
        using var ctx = new TestContext(TimeSpan.FromMilliseconds(300));

        var result = await http.GetAsync(ctx, "silent", "/", HttpCheck.ParseAll("status == 200"));
        var next = await SendOnceAsync(kestrel.BaseUrl, transport, TimeSpan.FromSeconds(30));

        Assert.Equal(ErrorKinds.Timeout, result.Response.ErrorKind);
        Assert.Empty(ctx.Checks);
        Assert.True(next.IsOk, next.Response.Error);
    }

    [Theory]
    [InlineData(HttpTransport.Sockets)]
    [InlineData(HttpTransport.Raw)]
    public async Task Tls_to_a_plain_http_port_is_a_tls_error_through_the_sockets_transport(HttpTransport transport)
    {
        using var http = HttpTarget.Create($"https://127.0.0.1:{kestrel.Port}", new HttpTargetOptions { Transport = transport, AcceptAnyServerCertificate = true });
        using var ctx = new TestContext(TimeSpan.FromSeconds(30));
        var request = http.Request(HttpMethod.Get, "/port");

        var result = await HttpStep.Send(ctx, "tls", request);

        Assert.False(request.UsesRawTransport);
        Assert.Equal(HttpErrors.Tls, result.Response.ErrorKind);
    }

    private static async Task<HttpResult> SendOnceAsync(string baseUrl, HttpTransport transport, TimeSpan timeout)
    {
        using var http = HttpTarget.Create(baseUrl, new HttpTargetOptions { Transport = transport });
        using var ctx = new TestContext(timeout);
        return await http.GetAsync(ctx, "once", "/port");
    }
}
