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

    public static string Serialize(RunResult result) => JsonSerializer.Serialize(result, Options);

    public static RunResult Deserialize(string json) =>
        JsonSerializer.Deserialize<RunResult>(json, Options)
        ?? throw new JsonException("result.json is empty (null)");

    /// <summary>Writes atomically: a temp file beside the target, then a rename.</summary>
    public static async Task WriteAsync(RunResult result, string path, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using (var stream = File.Create(temp))
        {
            await JsonSerializer.SerializeAsync(stream, result, Options, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temp, full, overwrite: true);
    }

    public static async Task<RunResult> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<RunResult>(stream, Options, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException($"{path}: result.json is empty (null)");
    }
}
