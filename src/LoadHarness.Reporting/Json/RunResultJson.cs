using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using LoadHarness.Core.Capacity;
using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;
using LoadHarness.Reporting.Writing;

namespace LoadHarness.Reporting.Json;

/// <summary>The canonical JSON form of <see cref="RunResult"/> (result.json). Invariant, camelCase, enums as strings.</summary>
public static class RunResultJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // One converter per enum the two documents hold (ResultJsonEnumTests finds them all): the generic converter needs
        // no reflection, the non-generic factory would.
        Converters =
        {
            Camel<RunStatus>(), Camel<LoadModel>(), Camel<ThresholdUnit>(), Camel<StepPhase>(), Camel<StepVerdict>(), Camel<SearchOutcome>(),
        },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        TypeInfoResolver = ResultJsonContext.Default,
    };

    /// <summary>The metadata of a result document's type with <see cref="Options"/> (compile-time generated: no reflection).</summary>
    internal static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    private static JsonStringEnumConverter<T> Camel<T>() where T : struct, Enum => new(JsonNamingPolicy.CamelCase);

    /// <summary>result.json's text, written by <see cref="RunResultWriter"/> (the serializer's bytes, without its reflection).</summary>
    public static string Serialize(RunResult result)
    {
        using var buffer = new MemoryStream();
        RunResultWriter.Write(buffer, result);
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The reference: what <see cref="JsonSerializer"/> makes of <paramref name="result"/> with <see cref="Options"/>.</summary>
    internal static string SerializeWithSerializer(RunResult result) => JsonSerializer.Serialize(result, TypeInfo<RunResult>());

    public static RunResult Deserialize(string json) =>
        ThresholdTyping.Restore(JsonSerializer.Deserialize(json, TypeInfo<RunResult>())
        ?? throw new JsonException("result.json is empty (null)"));

    /// <summary>Writes atomically (a temp file beside the target, then a rename; the temp file never stays behind).</summary>
    public static async Task WriteAsync(RunResult result, string path, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        RunResultWriter.Write(buffer, result);
        await AtomicFile.WriteBytesAsync(path, buffer.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a result.json; throws <see cref="JsonException"/> when it is not one.</summary>
    public static async Task<RunResult> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return ThresholdTyping.Restore(await JsonSerializer.DeserializeAsync(stream, TypeInfo<RunResult>(), cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException($"{path}: result.json is empty (null)"));
    }
}
