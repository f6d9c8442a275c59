using System.Text.Json;
using LoadHarness.Reporting.Json;
using LoadHarness.Reporting.Writing;

namespace LoadHarness.Reporting.Capacity;

/// <summary>capacity.json: the canonical form of a <see cref="CapacityResult"/> (invariant, camelCase, enums as strings).</summary>
public static class CapacityJson
{
    public const string FileName = "capacity.json";

    public static string Serialize(CapacityResult result) => JsonSerializer.Serialize(result, RunResultJson.TypeInfo<CapacityResult>());

    public static CapacityResult Deserialize(string json) =>
        JsonSerializer.Deserialize(json, RunResultJson.TypeInfo<CapacityResult>()) ?? throw new JsonException("capacity.json is empty (null)");

    public static Task<string> WriteAsync(CapacityResult result, string folder, CancellationToken cancellationToken = default) =>
        AtomicFile.WriteTextAsync(Path.Combine(folder, FileName), Serialize(result), cancellationToken);

    public static async Task<CapacityResult> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        Deserialize(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
}
