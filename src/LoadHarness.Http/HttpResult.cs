using System.Globalization;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LoadHarness.Core.Scenarios;

namespace LoadHarness.Http;

/// <summary>What an HTTP step returns: the recorded <see cref="Core.Scenarios.Response"/>, the status, size, duration and (when asked) the body.</summary>
public readonly struct HttpResult
{
    public HttpResult(Response response, int statusCode, long sizeBytes, TimeSpan duration, string? body)
    {
        Response = response;
        StatusCode = statusCode;
        SizeBytes = sizeBytes;
        Duration = duration;
        Body = body;
    }

    /// <summary>The outcome as recorded for the step (a failure carries its kind: "status 503", "timeout", ...).</summary>
    public Response Response { get; }

    public bool IsOk => Response.IsOk;

    /// <summary>The HTTP status, 0 when no response arrived.</summary>
    public int StatusCode { get; }

    /// <summary>Body bytes received (counted even when the body was discarded).</summary>
    public long SizeBytes { get; }

    /// <summary>From sending the request to the end of its body.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The body as text (UTF-8), only when the request asked for it (<c>readBody</c>); else null.</summary>
    public string? Body { get; }

    /// <summary>Parses the body as JSON (the request must have asked for the body). Dispose the document.</summary>
    public JsonDocument ParseJson() => JsonDocument.Parse(Body ?? throw NoBody());

    /// <summary>Deserializes the body (the request must have asked for the body), by reflection: not in a Native AOT build.</summary>
    [RequiresUnreferencedCode("Deserializes by reflection: use BodyAs(JsonTypeInfo<T>) in trimmed or Native AOT code.")]
    [RequiresDynamicCode("Deserializes by reflection: use BodyAs(JsonTypeInfo<T>) in trimmed or Native AOT code.")]
    public T? BodyAs<T>(JsonSerializerOptions? options = null) =>
        JsonSerializer.Deserialize<T>(Body ?? throw NoBody(), options ?? JsonSerializerOptions.Web);

    /// <summary>Deserializes the body with source-generated metadata (the request must have asked for the body).</summary>
    public T? BodyAs<T>(JsonTypeInfo<T> typeInfo) => JsonSerializer.Deserialize(Body ?? throw NoBody(), typeInfo);

    /// <summary>
    /// A property of a JSON body as text (e.g. the token of a login), or null when absent or not JSON: a top-level name
    /// (<c>token</c>), or a path as k6's <c>res.json('data.access_token')</c> takes, dots between names and array
    /// indexes (<c>data.tokens.0.value</c>). Names match exactly, else ignoring case.
    /// </summary>
    public string? JsonString(string propertyName)
    {
        ArgumentNullException.ThrowIfNull(propertyName);
        if (string.IsNullOrEmpty(Body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(Body);
            var found = Property(document.RootElement, propertyName) ?? Walk(document.RootElement, propertyName.Split('.'));
            return found is not { } value ? null
                : value.ValueKind == JsonValueKind.String ? value.GetString()
                : value.GetRawText();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement? Walk(JsonElement element, string[] path)
    {
        if (path.Length < 2)
        {
            return null;
        }

        foreach (var part in path)
        {
            JsonElement? next = element.ValueKind switch
            {
                JsonValueKind.Object => Property(element, part),
                JsonValueKind.Array when int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
                    && index < element.GetArrayLength() => element[index],
                _ => null,
            };
            if (next is not { } found)
            {
                return null;
            }

            element = found;
        }

        return element;
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        JsonElement? ignoringCase = null;
        foreach (var property in element.EnumerateObject())
        {
            if (property.NameEquals(name))
            {
                return property.Value;
            }

            if (ignoringCase is null && property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                ignoringCase = property.Value;
            }
        }

        return ignoringCase;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{StatusCode} ({SizeBytes} bytes, {Duration.TotalMilliseconds:0.###} ms){(IsOk ? "" : " " + Response.ErrorKind)}");

    private static InvalidOperationException NoBody() =>
        new("the body was not read: ask for it with readBody: true (HttpRequestSettings.ReadBody in config)");
}
