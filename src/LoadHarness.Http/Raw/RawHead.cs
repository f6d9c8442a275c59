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
    /// <summary>
    /// False until the whole head (up to the empty line) is in <paramref name="data"/>. Lines end in CRLF, or in a bare
    /// LF, which RFC 9112 §2.2 lets a recipient accept and Go's client (k6), curl and .NET's sockets handler do accept:
    /// a server answering with bare LFs is not a hang until the request timeout.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out RawHead head)
    {
        head = default;

        // The usual head ends at the first CRLF CRLF. Without one, a head of bare LFs may be complete (LF LF, or LF CRLF).
        var crlf = data.IndexOf("\r\n\r\n"u8);
        if (crlf < 0 && data.IndexOf("\n\n"u8) < 0 && data.IndexOf("\n\r\n"u8) < 0)
        {
            // Not waiting for the end of a head that cannot be one (a server that answers something else, then idles).
            if (!data[..Math.Min(data.Length, 7)].SequenceEqual("HTTP/1."u8[..Math.Min(data.Length, 7)]))
            {
                throw Invalid("the status line is not HTTP/1.x");
            }

            return false;
        }

        var scan = crlf < 0 ? data : data[..(crlf + 4)];
        var rest = scan;
        var statusLine = NextLine(ref rest);
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || statusLine[8] != (byte)' '
            || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out var consumed) || consumed != 3 || status < 100
            || (statusLine.Length > 12 && statusLine[12] != (byte)' '))
        {
            throw Invalid("the status line is not HTTP/1.x");
        }

        var http10 = statusLine[7] == (byte)'0';
        long contentLength = -1;
        bool chunked = false, close = false, keepAlive = false;
        var headLength = -1;
        while (!rest.IsEmpty)
        {
            var line = NextLine(ref rest);
            if (line.IsEmpty)
            {
                // The empty line: the end of the head (before a CRLF CRLF found further on, in a body, for bare LFs).
                headLength = scan.Length - rest.Length;
                break;
            }

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

        if (headLength < 0)
        {
            throw Invalid("the head has no end");
        }

        head = new RawHead(status, headLength, contentLength, chunked, close || (http10 && !keepAlive));
        return true;
    }

    /// <summary>The head's headers as a response message (only for checks on headers).</summary>
    public static HttpResponseMessage ToMessage(ReadOnlySpan<byte> head, int status)
    {
        var message = new HttpResponseMessage((HttpStatusCode)status) { Content = new ByteArrayContent([]) };
        message.Content.Headers.Clear();
        var rest = head;
        NextLine(ref rest); // the status line
        while (!rest.IsEmpty)
        {
            var line = NextLine(ref rest);
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                break; // the empty line that ends the head
            }

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

    /// <summary>The next line of <paramref name="rest"/> without its LF or CRLF; <paramref name="rest"/> moves past it.</summary>
    private static ReadOnlySpan<byte> NextLine(ref ReadOnlySpan<byte> rest)
    {
        var eol = rest.IndexOf((byte)'\n');
        var line = eol < 0 ? rest : rest[..eol];
        rest = eol < 0 ? default : rest[(eol + 1)..];
        return line.EndsWith((byte)'\r') ? line[..^1] : line;
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
