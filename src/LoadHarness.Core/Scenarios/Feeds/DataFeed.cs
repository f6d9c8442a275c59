using System.Globalization;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace LoadHarness.Core.Scenarios.Feeds;

/// <summary>Data feeds over a list or a file: circular, random, or one value per VU.</summary>
public static class DataFeed
{
    /// <summary>Items in order, wrapping around; shared by every VU.</summary>
    public static IDataFeed<T> Circular<T>(IEnumerable<T> items) => new CircularFeed<T>(NonEmpty(items));

    /// <summary>A uniformly random item each call, reproducible from <paramref name="seed"/>.</summary>
    public static IDataFeed<T> Random<T>(IEnumerable<T> items, int seed = 0) => new RandomFeed<T>(NonEmpty(items), seed);

    /// <summary>One item per VU (VU n gets item n mod count), the same for all its iterations.</summary>
    public static IDataFeed<T> PerVu<T>(IEnumerable<T> items) => new PerVuFeed<T>(NonEmpty(items));

    /// <summary>Rows of a CSV file with a header line, as column → value (simple CSV: quotes allowed, no newlines in fields).</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> FromCsv(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        if (lines.Length == 0)
        {
            throw new InvalidDataException($"{path}: the CSV file is empty (a header line is needed)");
        }

        var header = SplitCsv(lines[0]);
        var rows = new List<IReadOnlyDictionary<string, string>>();
        for (var i = 1; i < lines.Length; i++)
        {
            var cells = SplitCsv(lines[i]);
            if (cells.Count != header.Count)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{path}:{i + 1}: {cells.Count} fields, the header has {header.Count}"));
            }

            rows.Add(header.Zip(cells).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));
        }

        return rows;
    }

    /// <summary>A JSON array file deserialised by reflection (web defaults: camelCase, case-insensitive): not in a Native AOT build.</summary>
    [RequiresUnreferencedCode("Deserializes by reflection: use FromJson(path, JsonTypeInfo<List<T>>) in trimmed or Native AOT code.")]
    [RequiresDynamicCode("Deserializes by reflection: use FromJson(path, JsonTypeInfo<List<T>>) in trimmed or Native AOT code.")]
    public static IReadOnlyList<T> FromJson<T>(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<List<T>>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidDataException($"{path}: expected a JSON array");
    }

    /// <summary>A JSON array file deserialised with source-generated metadata.</summary>
    public static IReadOnlyList<T> FromJson<T>(string path, JsonTypeInfo<List<T>> typeInfo)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize(stream, typeInfo) ?? throw new InvalidDataException($"{path}: expected a JSON array");
    }

    internal static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }

    private static T[] NonEmpty<T>(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var array = items.ToArray();
        return array.Length > 0 ? array : throw new ArgumentException("a data feed needs at least one item", nameof(items));
    }

    private sealed class CircularFeed<T>(T[] items) : IDataFeed<T>
    {
        private long next = -1;

        public T Next(IScenarioContext context) => items[(int)((ulong)Interlocked.Increment(ref next) % (ulong)items.Length)];
    }

    private sealed class RandomFeed<T>(T[] items, int seed) : IDataFeed<T>
    {
        private readonly System.Random random = new(seed);
        private readonly Lock gate = new();

        public T Next(IScenarioContext context)
        {
            lock (gate)
            {
                return items[random.Next(items.Length)];
            }
        }
    }

    private sealed class PerVuFeed<T>(T[] items) : IDataFeed<T>
    {
        public T Next(IScenarioContext context) => items[context.VuId % items.Length];
    }
}
