using System.Text;

namespace LoadHarness.Http.Raw;

/// <summary>Serialises a request template (with the VU's headers) to HTTP/1.1 bytes once; the raw transport resends them.</summary>
internal static class RawRequestWriter
{
    public static byte[] Serialise(HttpRequestTemplate template, HttpVuState? vu)
    {
        using var message = template.CreateMessage(vu);
        var uri = template.Uri;
        var head = new StringBuilder(256);
        head.Append(template.Method.Method).Append(' ').Append(uri.PathAndQuery).Append(" HTTP/1.1\r\n");
        if (message.Headers.Host is null)
        {
            head.Append("Host: ").Append(HostHeader(uri)).Append("\r\n");
        }

        foreach (var header in message.Headers.NonValidated)
        {
            head.Append(header.Key).Append(": ").Append(header.Value.ToString()).Append("\r\n");
        }

        var body = template.Body ?? [];
        if (message.Content is { } content)
        {
            foreach (var header in content.Headers.NonValidated)
            {
                if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    head.Append(header.Key).Append(": ").Append(header.Value.ToString()).Append("\r\n");
                }
            }

            head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        }

        head.Append("\r\n");
        // UTF-8, as SocketsHttpHandler is told to send (HttpHandlerFactory) and Go's client (k6) sends: the request line is
        // ASCII already (the URI escapes it), and a header value beyond ASCII keeps its characters.
        var headBytes = Encoding.UTF8.GetBytes(head.ToString());
        return message.Content is null ? headBytes : [.. headBytes, .. body];
    }

    /// <summary>host[:port] as SocketsHttpHandler sends it (the port only when not the scheme's default).</summary>
    private static string HostHeader(Uri uri)
    {
        var host = uri.HostNameType == UriHostNameType.Dns ? uri.IdnHost : uri.Host;
        return uri.IsDefaultPort ? host : host + ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
