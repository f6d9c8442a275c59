using System.Net.Sockets;

namespace LoadHarness.Http.Tests;

/// <summary>
/// Failures that are the load generator's limit, not the server's, are told apart. Running out of local ports
/// (EADDRNOTAVAIL) takes a machine-wide sysctl to cause, so the mapping is checked on the exception the transports
/// throw for it (.NET's sockets, and the epoll engine's errno 99).
/// </summary>
public sealed class HttpErrorsTests
{
    [Fact]
    public void No_local_port_is_a_kind_of_its_own_and_its_message_says_whose_limit_it_is()
    {
        var exceptions = new Exception[]
        {
            new SocketException((int)SocketError.AddressNotAvailable),
            new HttpRequestException(HttpRequestError.ConnectionError, "Cannot assign requested address (127.0.0.1:80)", new SocketException((int)SocketError.AddressNotAvailable)),
        };

        foreach (var e in exceptions)
        {
            var kind = HttpErrors.KindOf(e, CancellationToken.None);
            Assert.Equal(HttpErrors.NoLocalPort, kind);
            var text = HttpErrors.Describe(e, kind);
            Assert.Contains("ran out of local ports", text, StringComparison.Ordinal);
            Assert.Contains("its limit, not the server's", text, StringComparison.Ordinal);
        }

        var refused = new SocketException((int)SocketError.ConnectionRefused);
        Assert.DoesNotContain("local ports", HttpErrors.Describe(refused, HttpErrors.KindOf(refused, CancellationToken.None)), StringComparison.Ordinal);
    }
}
