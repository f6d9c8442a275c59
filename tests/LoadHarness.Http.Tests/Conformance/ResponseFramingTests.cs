using System.Text;
using LoadHarness.Http.Checks;

namespace LoadHarness.Http.Tests.Conformance;

/// <summary>
/// How responses are framed, through both transports: bodies without content (Content-Length 0, 204, 304, HEAD), a
/// 10 MiB body, chunks with extensions and trailers, a head split into many TCP segments, Expect: 100-continue. Each
/// answer is read whole, counted exactly, and leaves its connection reusable (the next request arrives on the same port).
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class ResponseFramingTests(ConformanceKestrel kestrel)
{
    [Theory]
    [InlineData(HttpTransport.Sockets, "GET", "/empty", 200)]
    [InlineData(HttpTransport.Raw, "GET", "/empty", 200)]
    [InlineData(HttpTransport.Sockets, "GET", "/nocontent", 204)]
    [InlineData(HttpTransport.Raw, "GET", "/nocontent", 204)]
    [InlineData(HttpTransport.Sockets, "GET", "/notmodified", 304)]
    [InlineData(HttpTransport.Raw, "GET", "/notmodified", 304)]
    [InlineData(HttpTransport.Sockets, "HEAD", "/head", 200)]
    [InlineData(HttpTransport.Raw, "HEAD", "/head", 200)]
    public async Task An_answer_without_a_body_is_complete_at_its_head_and_the_connection_is_kept(HttpTransport transport, string method, string url, int status)
    {
        using var http = Target(transport);
        using var ctx = new TestContext(TimeSpan.FromSeconds(30));

        var before = await http.GetAsync(ctx, "port", "/port", readBody: true);
        var result = await HttpStep.Send(ctx, "empty", http.Request(new HttpMethod(method), url));
        var after = await http.GetAsync(ctx, "port", "/port", readBody: true);

        Assert.True(result.IsOk, result.Response.Error);
        Assert.Equal(status, result.StatusCode);
        Assert.Equal(0, result.SizeBytes);
        Assert.Equal(before.Body, after.Body);
    }

    [Theory]
    [InlineData(HttpTransport.Sockets, false)]
    [InlineData(HttpTransport.Raw, false)]
    [InlineData(HttpTransport.Sockets, true)]
    [InlineData(HttpTransport.Raw, true)]
    public async Task A_10_MiB_body_is_counted_to_the_byte_drained_or_read(HttpTransport transport, bool readBody)
    {
        using var http = Target(transport);
        using var ctx = new TestContext(TimeSpan.FromSeconds(60));

        var result = await http.GetAsync(ctx, "big", "/big", readBody: readBody);
        var after = await http.GetAsync(ctx, "head", "/head");

        Assert.True(result.IsOk, result.Response.Error);
        Assert.Equal(ConformanceKestrel.BigSize, result.SizeBytes);
        Assert.Equal(readBody ? ConformanceKestrel.BigSize : null, result.Body?.Length);
        Assert.Equal(ConformanceKestrel.HeadSize, after.SizeBytes);
    }

    [Theory]
    [InlineData(HttpTransport.Sockets)]
    [InlineData(HttpTransport.Raw)]
    public async Task Expect_100_continue_gets_the_final_answer_after_the_interim_one(HttpTransport transport)
    {
        using var http = Target(transport);
        using var ctx = new TestContext(TimeSpan.FromSeconds(30));
        var body = new byte[100_000];
        var upload = new HttpRequestTemplate(http, HttpMethod.Post, http.Resolve("/upload"), [new("Expect", "100-continue")], body, "application/octet-stream", readBody: true);

        var result = await HttpStep.Send(ctx, "upload", upload);

        Assert.True(result.IsOk, result.Response.Error);
        Assert.Equal("100000", result.Body);
    }

    [Theory]
    [InlineData(HttpTransport.Sockets)]
    [InlineData(HttpTransport.Raw)]
    public async Task Chunks_with_extensions_and_trailers_are_read_whole_and_the_connection_is_kept(HttpTransport transport)
    {
        const string Chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Checksum\r\n\r\n"
            + "5;name=value\r\nhello\r\n6\r\n chunk\r\nA\r\ns of bytes\r\n0\r\nX-Checksum: 42\r\nX-More: yes\r\n\r\n";
        await using var server = MisbehavingServer.Answering(Chunked);
        using var http = HttpTarget.Create(server.BaseUrl, new HttpTargetOptions { Transport = transport });
        using var ctx = new TestContext(TimeSpan.FromSeconds(30));

        var first = await http.GetAsync(ctx, "chunked", "/", HttpCheck.ParseAll("body contains chunks of bytes"), readBody: true);
        var second = await http.GetAsync(ctx, "chunked", "/");

        Assert.Equal("hello chunks of bytes", first.Body);
        Assert.Equal(21, first.SizeBytes);
        Assert.Equal(21, second.SizeBytes);
        Assert.Equal([("body contains chunks of bytes", true)], ctx.Checks);
        Assert.Equal(1, server.Connections);
    }

    [Theory]
    [InlineData(HttpTransport.Sockets, 1)]
    [InlineData(HttpTransport.Raw, 1)]
    [InlineData(HttpTransport.Sockets, 7)]
    [InlineData(HttpTransport.Raw, 7)]
    public async Task A_head_split_across_many_tcp_segments_is_put_together(HttpTransport transport, int bytesPerSegment)
    {
        var head = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n");
        for (var i = 0; i < 20; i++)
        {
            head.Append("X-Header-").Append(i).Append(": value-").Append(i).Append("\r\n");
        }

        var answer = head.Append("Content-Length: 5\r\n\r\nsplit").ToString();
        await using var server = new MisbehavingServer(async c =>
        {
            while (await c.ReadRequestAsync() is not null)
            {
                await c.WriteInPiecesAsync(answer, bytesPerSegment);
            }
        });
        using var http = HttpTarget.Create(server.BaseUrl, new HttpTargetOptions { Transport = transport });
        using var ctx = new TestContext(TimeSpan.FromSeconds(60));

        var first = await http.GetAsync(ctx, "split", "/", HttpCheck.ParseAll("header X-Header-19 exists"), readBody: true);
        var second = await http.GetAsync(ctx, "split", "/", readBody: true);

        Assert.True(first.IsOk, first.Response.Error);
        Assert.Equal("split", first.Body);
        Assert.Equal("split", second.Body);
        Assert.Equal([("header X-Header-19 exists", true)], ctx.Checks);
        Assert.Equal(1, server.Connections);
    }

    [Theory]
    [InlineData(HttpTransport.Sockets, "HTTP/1.1 200 OK\nContent-Type: text/plain\nX-Kind: bare\nContent-Length: 4\n\nbare")]
    [InlineData(HttpTransport.Raw, "HTTP/1.1 200 OK\nContent-Type: text/plain\nX-Kind: bare\nContent-Length: 4\n\nbare")]
    [InlineData(HttpTransport.Sockets, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\nX-Kind: bare\r\nContent-Length: 4\n\r\nbare")]
    [InlineData(HttpTransport.Raw, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\nX-Kind: bare\r\nContent-Length: 4\n\r\nbare")]
    [InlineData(HttpTransport.Raw, "HTTP/1.1 200 OK\nX-Kind: bare\nTransfer-Encoding: chunked\n\n4\nbare\n0\n\n")]
    public async Task A_head_whose_lines_end_in_a_bare_LF_is_read_as_k6_curl_and_dotnet_read_it(HttpTransport transport, string answer)
    {
        // RFC 9112 §2.2: a recipient may take a bare LF as a line end; Go's client (k6), curl and .NET's handler do. An
        // embedded device or a hand-written server answering so must not become a run of timeouts on one transport.
        await using var server = MisbehavingServer.Answering(answer);
        using var http = HttpTarget.Create(server.BaseUrl, new HttpTargetOptions { Transport = transport });
        using var ctx = new TestContext(TimeSpan.FromSeconds(10));

        var first = await http.GetAsync(ctx, "lf", "/", HttpCheck.ParseAll("header X-Kind contains bare"), readBody: true);
        var second = await http.GetAsync(ctx, "lf", "/", readBody: true);

        Assert.True(first.IsOk, first.Response.Error);
        Assert.Equal("bare", first.Body);
        Assert.Equal("bare", second.Body);
        Assert.Equal([("header X-Kind contains bare", true)], ctx.Checks);
        Assert.Equal(1, server.Connections);
    }

    private HttpTarget Target(HttpTransport transport) => HttpTarget.Create(kestrel.BaseUrl, new HttpTargetOptions { Transport = transport });
}
