namespace LoadHarness.Http.Checks;

/// <summary>What a check looks at.</summary>
public enum HttpCheckKind
{
    /// <summary><c>status == 200</c>, <c>status &lt; 400</c>.</summary>
    Status,

    /// <summary><c>duration &lt; 200ms</c>: from sending the request to the end of its body.</summary>
    Duration,

    /// <summary><c>body contains "ok"</c> (ordinal, on the UTF-8 body).</summary>
    BodyContains,

    /// <summary><c>header Content-Type contains json</c> (ignoring case), or <c>header ETag exists</c>.</summary>
    HeaderContains,

    HeaderExists,
}

/// <summary>A comparison of a check.</summary>
public enum CheckOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
