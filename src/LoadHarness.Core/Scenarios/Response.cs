namespace LoadHarness.Core.Scenarios;

/// <summary>The outcome of one step or iteration: ok or failed, with a status code, size and (for failures) an error kind.</summary>
public readonly record struct Response
{
    public bool IsOk { get; init; }

    /// <summary>The protocol's status code of the step (0 when it has none).</summary>
    public int StatusCode { get; init; }

    public long SizeBytes { get; init; }

    /// <summary>The error message of a failure ("" when ok).</summary>
    public string Error { get; init; }

    /// <summary>What kind of failure ("timeout", "status 500", an exception type name); null when ok.</summary>
    public string? ErrorKind { get; init; }

    public static Response Ok(int statusCode = 200, long sizeBytes = 0) =>
        new() { IsOk = true, StatusCode = statusCode, SizeBytes = sizeBytes, Error = "" };

    /// <summary>A failure. Without <paramref name="kind"/> the kind is "status N" when a status code is given, else "error".</summary>
    public static Response Fail(int statusCode = 0, string error = "", long sizeBytes = 0, string? kind = null) =>
        new()
        {
            IsOk = false,
            StatusCode = statusCode,
            SizeBytes = sizeBytes,
            Error = error ?? "",
            ErrorKind = kind ?? ErrorKinds.ForStatus(statusCode),
        };
}
