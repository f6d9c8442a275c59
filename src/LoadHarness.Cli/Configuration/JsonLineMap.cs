using System.Text.Json;

namespace LoadHarness.Cli.Configuration;

/// <summary>
/// The 1-based line of every key and array element of a JSON document, by JSON path (<c>A.B[2].C</c>, case-insensitive),
/// read once with <see cref="Utf8JsonReader"/> so problems can name the line they are on.
/// </summary>
public sealed class JsonLineMap
{
    private readonly Dictionary<string, int> lineByPath;

    private JsonLineMap(Dictionary<string, int> lineByPath)
    {
        this.lineByPath = lineByPath;
    }

    public static JsonReaderOptions ReaderOptions { get; } = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public int? LineOf(string path) => lineByPath.TryGetValue(path, out var line) ? line : null;

    /// <summary>Maps the document; a malformed document throws <see cref="JsonException"/> (with its line and position).</summary>
    public static JsonLineMap Build(ReadOnlySpan<byte> json)
    {
        var newlines = new List<long>();
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] == (byte)'\n')
            {
                newlines.Add(i);
            }
        }

        var map = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var reader = new Utf8JsonReader(json, ReaderOptions);
        var stack = new Stack<Frame>();
        string? pendingProperty = null;
        while (reader.Read())
        {
            var line = LineAt(newlines, reader.TokenStartIndex);
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pendingProperty = ConfigPath.Key(stack.Count == 0 ? "" : stack.Peek().Path, reader.GetString() ?? "");
                    map.TryAdd(pendingProperty, line);
                    continue;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    stack.Pop();
                    continue;
            }

            var path = ValuePath(stack, pendingProperty, map, line);
            pendingProperty = null;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                stack.Push(new Frame(path, reader.TokenType == JsonTokenType.StartArray));
            }
        }

        return new JsonLineMap(map);
    }

    private static string ValuePath(Stack<Frame> stack, string? pendingProperty, Dictionary<string, int> map, int line)
    {
        if (pendingProperty is not null || stack.Count == 0)
        {
            return pendingProperty ?? "";
        }

        var parent = stack.Peek();
        if (!parent.IsArray)
        {
            return parent.Path;
        }

        var path = ConfigPath.Index(parent.Path, parent.NextIndex++);
        map.TryAdd(path, line);
        return path;
    }

    private static int LineAt(List<long> newlines, long offset)
    {
        var index = newlines.BinarySearch(offset);
        return (index < 0 ? ~index : index) + 1;
    }

    private sealed class Frame(string path, bool isArray)
    {
        public string Path { get; } = path;

        public bool IsArray { get; } = isArray;

        public int NextIndex { get; set; }
    }
}
