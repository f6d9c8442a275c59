namespace LoadHarness.Cli.Configuration;

/// <summary>
/// The quick-run flags as given on the command line (<c>run</c> and <c>capacity</c>), before any check: <see cref="ToOptions"/>
/// turns them into the quick run they ask for.
/// </summary>
internal sealed record QuickRunFlags
{
    public string? Url { get; init; }

    /// <summary>--config: a quick run reads no config file, so the two together are invalid input.</summary>
    public string? Config { get; init; }

    public int? Vus { get; init; }

    public string? Duration { get; init; }

    public double? Rate { get; init; }

    public string? Think { get; init; }

    public long? Iterations { get; init; }

    public string? Timeout { get; init; }

    public string[]? Thresholds { get; init; }

    public string[]? Checks { get; init; }

    public bool FollowRedirects { get; init; }

    public bool Insecure { get; init; }

    public string? Method { get; init; }

    /// <summary>--header, each "Name: value" (curl's and hey's -H).</summary>
    public string[]? Headers { get; init; }

    /// <summary>--body: the text, or @path for a file's (curl's -d @file).</summary>
    public string? Body { get; init; }

    /// <summary>The quick run the flags ask for, or null without --url; a flag that does not fit is invalid input (exit 2).</summary>
    public QuickRunOptions? ToOptions()
    {
        if (Url is null)
        {
            var stray = StrayFlag();
            return stray is null ? null : throw new CliInputException($"{stray} belongs to a quick run: give --url too (or set it in the config)");
        }

        if (Config is not null)
        {
            throw new CliInputException("--url is a quick run without a config file: drop --config, or put the request in the config's Http scenario");
        }

        if (!Http.HttpUrls.TryParseAbsolute(Url, out _))
        {
            throw new CliInputException($"--url: '{Url}' is not an absolute http(s) URL (e.g. http://127.0.0.1:8080/api/health)");
        }

        if (Vus is < 1)
        {
            throw new CliInputException($"--vus: {Vus} must be at least 1");
        }

        if (Rate is { } r && !(r > 0 && double.IsFinite(r)))
        {
            throw new CliInputException($"--rate: {r} must be a positive number of iterations per second");
        }

        if (Iterations is { } n && n < 1)
        {
            throw new CliInputException($"--iterations: {n} must be at least 1");
        }

        if (Iterations is not null && Duration is not null)
        {
            throw new CliInputException("--iterations and --duration: give one (a run of so many iterations, or one of so long)");
        }

        foreach (var (flag, text) in new[] { ("--duration", Duration), ("--think", Think), ("--timeout", Timeout) })
        {
            if (text is not null && (!Core.Load.DurationParser.TryParse(text, out var value, out var error) || value < TimeSpan.Zero || (flag != "--think" && value == TimeSpan.Zero)))
            {
                throw new CliInputException($"{flag}: '{text}' is not a positive duration (e.g. 30s, 2m){(error is null ? "" : ": " + error)}");
            }
        }

        var headers = ParseHeaders(Headers ?? []);
        var body = ReadBody(Body);
        return new QuickRunOptions
        {
            Url = Url,
            Vus = Vus ?? (Rate is null ? 1 : 100),
            Duration = Duration ?? "10s",
            Rate = Rate,
            Think = Think,
            Iterations = Iterations,
            Timeout = Timeout,
            Thresholds = Thresholds ?? [],
            Checks = Checks ?? [],
            FollowRedirects = FollowRedirects,
            AcceptAnyServerCertificate = Insecure,
            Method = Method,
            Headers = headers,
            Body = body,
        };
    }

    /// <summary>"Name: value" pairs in the order given; a flag without a colon, or a name given twice, is invalid input.</summary>
    private static KeyValuePair<string, string>[] ParseHeaders(string[] flags)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var flag in flags)
        {
            var colon = flag.IndexOf(':', StringComparison.Ordinal);
            var name = colon > 0 ? flag[..colon].Trim() : "";
            if (name.Length == 0)
            {
                throw new CliInputException($"--header: '{flag}' is not 'Name: value' (e.g. --header \"Authorization: Bearer abc\")");
            }

            if (headers.Any(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new CliInputException($"--header: '{name}' is given twice; give it once (several values of one header join with a comma)");
            }

            headers.Add(new(name, flag[(colon + 1)..].Trim()));
        }

        return [.. headers];
    }

    /// <summary>The body's text: as given, or with a leading @ the file's (relative to the current folder, read as UTF-8).</summary>
    private static string? ReadBody(string? body)
    {
        if (body is null || !body.StartsWith('@'))
        {
            return body;
        }

        if (string.IsNullOrWhiteSpace(body[1..]))
        {
            throw new CliInputException("--body: '@' names no file (@path sends a file's text, e.g. --body @order.json)");
        }

        var full = Path.GetFullPath(body[1..]);
        try
        {
            return File.ReadAllText(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException(File.Exists(full)
                ? $"--body: cannot read {full}: {e.Message}"
                : $"--body: file not found: {full} (@path reads the body from a file, relative to the current folder)");
        }
    }

    /// <summary>The first quick-run flag given without --url, or null.</summary>
    private string? StrayFlag() =>
        Vus is not null ? "--vus"
        : Duration is not null ? "--duration"
        : Rate is not null ? "--rate"
        : Think is not null ? "--think"
        : Iterations is not null ? "--iterations"
        : Timeout is not null ? "--timeout"
        : Thresholds is { Length: > 0 } ? "--threshold"
        : Checks is { Length: > 0 } ? "--check"
        : FollowRedirects ? "--follow-redirects"
        : Insecure ? "--insecure-skip-tls-verify"
        : Method is not null ? "--method"
        : Headers is { Length: > 0 } ? "--header"
        : Body is not null ? "--body"
        : null;
}
