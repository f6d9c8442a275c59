using System.Text.Json.Serialization;

namespace LoadHarness.Postgres.Audit;

/// <summary>How much a finding matters: info (worth knowing), warning (fix it), critical (fix it first).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AuditSeverity>))]
public enum AuditSeverity
{
    Info = 0,
    Warning = 1,
    Critical = 2,
}
