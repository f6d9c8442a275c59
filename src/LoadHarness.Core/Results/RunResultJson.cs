using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoadHarness.Core.Results;

/// <summary>The canonical JSON form of <see cref="RunResult"/> (result.json). Invariant, camelCase, enums as strings.</summary>
public static class RunResultJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>result.json's text, written by <see cref="RunResultWriter"/> (the serializer's bytes, without its reflection).</summary>
    public static string Serialize(RunResult result)
    {
        using var buffer = new MemoryStream();
        RunResultWriter.Write(buffer, result);
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The reference: what <see cref="JsonSerializer"/> makes of <paramref name="result"/> with <see cref="Options"/>.</summary>
    internal static string SerializeWithSerializer(RunResult result) => JsonSerializer.Serialize(result, Options);

    public static RunResult Deserialize(string json) =>
        JsonSerializer.Deserialize<RunResult>(json, Options)
        ?? throw new JsonException("result.json is empty (null)");

    /// <summary>Writes atomically: a temp file beside the target, then a rename.</summary>
    public static Task WriteAsync(RunResult result, string path, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
        {
            RunResultWriter.Write(stream, result);
        }

        File.Move(temp, full, overwrite: true);
        return Task.CompletedTask;
    }

    public static async Task<RunResult> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<RunResult>(stream, Options, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException($"{path}: result.json is empty (null)");
    }
}
