using System.Buffers.Text;
using System.Net;
using System.Text;

namespace LoadHarness.Http.Raw;

/// <summary>
/// The parts of an HTTP/1.x response head the raw transport needs: status, body framing and whether the connection
/// stays open. Parsed in place from the receive buffer; header strings are made only when a check asks for headers.
/// </summary>
internal readonly record struct RawHead(int Status, int Length, long ContentLength, bool Chunked, bool Close)
{
    private static ReadOnlySpan<byte> HeadEnd => "\r\n\r\n"u8;

    /// <summary>False until the whole head (up to the empty line) is in <paramref name="data"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out RawHead head)
    {
        head = default;
        var end = data.IndexOf(HeadEnd);
        if (end < 0)
        {
            // Not waiting for the end of a head that cannot be one (a server that answers something else, then idles).
            if (!data[..Math.Min(data.Length, 7)].SequenceEqual("HTTP/1."u8[..Math.Min(data.Length, 7)]))
            {
                throw Invalid("the status line is not HTTP/1.x");
            }

            return false;
        }

        var lineEnd = data.IndexOf("\r\n"u8);
        var statusLine = data[..lineEnd];
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || statusLine[8] != (byte)' '
            || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out var consumed) || consumed != 3 || status < 100
            || (statusLine.Length > 12 && statusLine[12] != (byte)' '))
        {
            throw Invalid("the status line is not HTTP/1.x");
        }

        var http10 = statusLine[7] == (byte)'0';
        long contentLength = -1;
        bool chunked = false, close = false, keepAlive = false;
        var rest = data[(lineEnd + 2)..(end + 2)];
        while (!rest.IsEmpty)
        {
            var eol = rest.IndexOf("\r\n"u8);
            var line = rest[..eol];
            rest = rest[(eol + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                throw Invalid("a header line has no name");
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(name, "content-length"u8))
            {
                if (!Utf8Parser.TryParse(value, out contentLength, out consumed) || consumed != value.Length || contentLength < 0)
                {
                    throw Invalid("Content-Length is not a number");
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8))
            {
                chunked = ContainsToken(value, "chunked"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "connection"u8))
            {
                close |= ContainsToken(value, "close"u8);
                keepAlive |= ContainsToken(value, "keep-alive"u8);
            }
        }

        head = new RawHead(status, end + 4, contentLength, chunked, close || (http10 && !keepAlive));
        return true;
    }

    /// <summary>The head's headers as a response message (only for checks on headers).</summary>
    public static HttpResponseMessage ToMessage(ReadOnlySpan<byte> head, int status)
    {
        var message = new HttpResponseMessage((HttpStatusCode)status) { Content = new ByteArrayContent([]) };
        message.Content.Headers.Clear();
        var rest = head[(head.IndexOf("\r\n"u8) + 2)..];
        while (rest.Length > 2)
        {
            var eol = rest.IndexOf("\r\n"u8);
            var line = rest[..eol];
            rest = rest[(eol + 2)..];
            var colon = line.IndexOf((byte)':');
            var name = Encoding.Latin1.GetString(line[..colon]);
            var value = Encoding.Latin1.GetString(line[(colon + 1)..].Trim(" \t"u8));
            if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }

    /// <summary>The chunk size at the start of a chunk line (hex, extensions after ';' ignored).</summary>
    public static long ChunkSize(ReadOnlySpan<byte> line)
    {
        var semicolon = line.IndexOf((byte)';');
        var digits = (semicolon >= 0 ? line[..semicolon] : line).Trim(" \t"u8);
        if (digits.IsEmpty || digits.Length > 15 || !Utf8Parser.TryParse(digits, out long size, out var consumed, 'x') || consumed != digits.Length)
        {
            throw Invalid("a chunk size is not hexadecimal");
        }

        return size;
    }

    public static HttpIOException Invalid(string message) => new(HttpRequestError.InvalidResponse, "invalid response: " + message);

    private static bool ContainsToken(ReadOnlySpan<byte> value, ReadOnlySpan<byte> lowerToken)
    {
        for (var i = 0; i + lowerToken.Length <= value.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(value.Slice(i, lowerToken.Length), lowerToken))
            {
                return true;
            }
        }

        return false;
    }
}
