using System.Text.Json.Serialization;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Capacity;

namespace LoadHarness.Reporting.Json;

/// <summary>
/// The serializer's metadata for result.json and capacity.json, generated at compile time: reading and writing them
/// needs no reflection, so the Native AOT <c>loadharness</c> does it too (README, Performance). Options are set in
/// <see cref="RunResultJson.Options"/>, which adds the enum converters.
/// </summary>
[JsonSerializable(typeof(RunResult))]
[JsonSerializable(typeof(CapacityResult))]
internal sealed partial class ResultJsonContext : JsonSerializerContext;
