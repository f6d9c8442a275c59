namespace LoadHarness.Http.Scenarios;

/// <summary>One request of the built-in <c>http</c> scenario, bound from the config; it becomes a step named <see cref="Name"/>.</summary>
public sealed class HttpRequestSettings
{
    /// <summary>The step name (unique within the scenario).</summary>
    public string Name { get; set; } = "";

    public string Method { get; set; } = "GET";

    /// <summary>Absolute, or relative to <see cref="HttpScenarioSettings.BaseUrl"/> (else <c>Target.ApiBaseUrl</c>), appended to its path.</summary>
    public string Url { get; set; } = "";

    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public string? Body { get; set; }

    /// <summary>
    /// A file whose text (UTF-8) is the body, relative to the config file's folder (k6's <c>open('payload.json')</c>);
    /// the command reads it into <see cref="Body"/> when it loads the config. Not with <see cref="Body"/>.
    /// </summary>
    public string? BodyFile { get; set; }

    /// <summary>Content-Type of <see cref="Body"/>; default <c>application/json</c> when a body is given.</summary>
    public string? ContentType { get; set; }

    /// <summary>k6-style checks: <c>status == 200</c>, <c>duration &lt; 200ms</c>, <c>body contains ok</c>, <c>label: expression</c>.</summary>
    public List<string> Checks { get; set; } = [];

    /// <summary>A pause after this request (e.g. <c>500ms</c>), inside the iteration but in no step's latency.</summary>
    public string? ThinkTime { get; set; }

    /// <summary>Read the body into memory (checks on the body do this by themselves).</summary>
    public bool ReadBody { get; set; }

    /// <summary>
    /// After an ok response, the VU's bearer token becomes this property of the JSON body (e.g. <c>token</c>, or a path
    /// such as <c>data.access_token</c>): every later request of the VU carries <c>Authorization: Bearer ...</c>.
    /// </summary>
    public string? BearerTokenFrom { get; set; }

    /// <summary>
    /// Whether the request may be sent again when the kept-alive connection it went out on turns out closed by the
    /// server before any byte of the response came back. Default: by the method (GET, HEAD, PUT, DELETE, OPTIONS, TRACE
    /// yes; POST, PATCH no). Set true for a POST the server de-duplicates, false to never resend a sent request.
    /// </summary>
    public bool? Idempotent { get; set; }

    /// <summary>Sent once per VU before its first iteration (e.g. a login) instead of every iteration; still a recorded step.</summary>
    public bool Once { get; set; }
}
