using System.Text.RegularExpressions;

namespace LoadHarness.Postgres.Audit;

/// <summary>How the audit names relations: bare in public, schema-qualified elsewhere, quoted only when needed.</summary>
internal static partial class AuditNames
{
    public static string Qualified(string schema, string name) =>
        schema == "public" ? Quote(name) : Quote(schema) + "." + Quote(name);

    public static string Quote(string identifier) =>
        PlainIdentifier().IsMatch(identifier) ? identifier : "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex("^[a-z_][a-z0-9_$]*$")]
    private static partial Regex PlainIdentifier();
}
