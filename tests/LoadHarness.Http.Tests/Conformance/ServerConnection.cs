using System.Net.Sockets;
using System.Text;

namespace LoadHarness.Http.Tests.Conformance;

/// <summary>One accepted connection of <see cref="MisbehavingServer"/>: read a request, write bytes, close or reset.</summary>
internal sealed class ServerConnection(Socket socket, Action counted, CancellationToken stop) : IDisposable
{
    private readonly byte[] buffer = new byte[64 * 1024];
    private int buffered;

    public CancellationToken Stop => stop;

    /// <summary>Requests read on this connection so far.</summary>
    public int Index { get; private set; }

    /// <summary>The next request's head (its body, by Content-Length, is read and dropped); null when the client closed.</summary>
    public async Task<string?> ReadRequestAsync()
    {
        while (true)
        {
            var end = buffer.AsSpan(0, buffered).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                var head = Encoding.Latin1.GetString(buffer, 0, end);
                Consume(end + 4);
                await SkipBodyAsync(ContentLength(head));
                Index++;
                counted();
                return head;
            }

            var read = await socket.ReceiveAsync(buffer.AsMemory(buffered), stop);
            if (read == 0)
            {
                return null;
            }

            buffered += read;
        }
    }

    public Task WriteAsync(string text) => WriteAsync(Encoding.Latin1.GetBytes(text));

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            bytes = bytes[await socket.SendAsync(bytes, SocketFlags.None, stop)..];
        }
    }

    /// <summary>Writes <paramref name="text"/> a few bytes per TCP segment (Nagle off, a pause after each).</summary>
    public async Task WriteInPiecesAsync(string text, int piece)
    {
        socket.NoDelay = true;
        var bytes = Encoding.Latin1.GetBytes(text);
        for (var i = 0; i < bytes.Length; i += piece)
        {
            await WriteAsync(bytes.AsMemory(i, Math.Min(piece, bytes.Length - i)));
            await Task.Delay(2, stop);
        }
    }

    /// <summary>Sends a FIN after everything written, then closes (as a server does after an HTTP/1.0 answer).</summary>
    public void Close()
    {
        socket.Shutdown(SocketShutdown.Both);
        socket.Close();
    }

    /// <summary>Closes with an RST (SO_LINGER 0): the client's next receive fails with "connection reset".</summary>
    public void Reset()
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    /// <summary>Keeps the connection open and silent until the test ends.</summary>
    public Task IdleUntilStoppedAsync() => Task.Delay(Timeout.Infinite, stop);

    public void Dispose() => socket.Dispose();

    private static int ContentLength(string head)
    {
        foreach (var line in head.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                return int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private async Task SkipBodyAsync(int length)
    {
        while (length > 0)
        {
            if (buffered == 0)
            {
                var read = await socket.ReceiveAsync(buffer, stop);
                if (read == 0)
                {
                    return;
                }

                buffered = read;
            }

            var take = Math.Min(length, buffered);
            Consume(take);
            length -= take;
        }
    }

    private void Consume(int count)
    {
        buffer.AsSpan(count, buffered - count).CopyTo(buffer);
        buffered -= count;
    }
}
