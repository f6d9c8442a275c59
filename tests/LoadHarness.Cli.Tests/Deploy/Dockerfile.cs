namespace LoadHarness.Cli.Tests.Deploy;

/// <summary>
/// A small structural reader of a Dockerfile: instructions (keyword + arguments) with line continuations joined and
/// comments dropped, and its stages. Enough to check what the Kubernetes Jobs rely on, without a Docker daemon.
/// </summary>
internal sealed record Dockerfile(IReadOnlyList<(int Line, string Keyword, string Arguments)> Instructions)
{
    public static readonly IReadOnlySet<string> Keywords = new HashSet<string>(StringComparer.Ordinal)
    {
        "FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG",
        "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL",
    };

    public static Dockerfile Parse(string text)
    {
        var instructions = new List<(int, string, string)>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var start = i + 1;
            var full = line;
            while (full.EndsWith('\\'))
            {
                full = full[..^1];
                do
                {
                    i++;
                    if (i >= lines.Length)
                    {
                        break;
                    }
                }
                while (lines[i].TrimStart().StartsWith('#'));

                full += " " + (i < lines.Length ? lines[i].Trim() : "");
            }

            var space = full.IndexOf(' ', StringComparison.Ordinal);
            var keyword = space < 0 ? full : full[..space];
            if (!Keywords.Contains(keyword))
            {
                throw new FormatException($"line {start}: '{keyword}' is not a Dockerfile instruction (or not upper case)");
            }

            instructions.Add((start, keyword, space < 0 ? "" : full[(space + 1)..].Trim()));
        }

        return new Dockerfile(instructions);
    }

    /// <summary>Each stage: its FROM arguments and its instructions.</summary>
    public IReadOnlyList<(string From, IReadOnlyList<(int Line, string Keyword, string Arguments)> Body)> Stages
    {
        get
        {
            var stages = new List<(string, IReadOnlyList<(int, string, string)>)>();
            List<(int, string, string)>? body = null;
            foreach (var instruction in Instructions)
            {
                if (instruction.Keyword == "FROM")
                {
                    body = [];
                    stages.Add((instruction.Arguments, body));
                }
                else if (body is null && instruction.Keyword != "ARG")
                {
                    throw new FormatException($"line {instruction.Line}: {instruction.Keyword} before the first FROM");
                }
                else
                {
                    body?.Add(instruction);
                }
            }

            return stages;
        }
    }
}
