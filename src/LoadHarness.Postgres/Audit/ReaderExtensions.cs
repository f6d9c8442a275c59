using System.Data.Common;

namespace LoadHarness.Postgres.Audit;

/// <summary>Reads a column by name, NULL-aware (the audit's queries differ by server version, so ordinals would drift).</summary>
internal static class ReaderExtensions
{
    public static long Long(this DbDataReader reader, string column) => reader.NullableLong(column) ?? 0;

    public static long? NullableLong(this DbDataReader reader, string column)
    {
        var i = reader.GetOrdinal(column);
        return reader.IsDBNull(i) ? null : Convert.ToInt64(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static double? NullableDouble(this DbDataReader reader, string column)
    {
        var i = reader.GetOrdinal(column);
        return reader.IsDBNull(i) ? null : Convert.ToDouble(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string Text(this DbDataReader reader, string column) => reader.NullableText(column) ?? "";

    public static string? NullableText(this DbDataReader reader, string column)
    {
        var i = reader.GetOrdinal(column);
        return reader.IsDBNull(i) ? null : reader.GetString(i);
    }

    public static bool Bool(this DbDataReader reader, string column)
    {
        var i = reader.GetOrdinal(column);
        return !reader.IsDBNull(i) && reader.GetBoolean(i);
    }

    public static DateTimeOffset? Time(this DbDataReader reader, string column)
    {
        var i = reader.GetOrdinal(column);
        return reader.IsDBNull(i) ? null : new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(i), DateTimeKind.Utc));
    }

    public static string[] Texts(this DbDataReader reader, string column)
    {
        var i = reader.GetOrdinal(column);
        return reader.IsDBNull(i) ? [] : reader.GetFieldValue<string?[]>(i).Select(s => s ?? "").ToArray();
    }
}
