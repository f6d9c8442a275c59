namespace LoadHarness.Postgres.Audit;

/// <summary>A token of a normalized statement text: a word, a quoted identifier, a $n parameter, a literal or punctuation.</summary>
internal readonly record struct SqlToken(SqlTokenKind Kind, string Text, int Depth)
{
    /// <summary>A word compared as a keyword (case-insensitive).</summary>
    public bool Is(string keyword) => Kind == SqlTokenKind.Word && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsIdentifier => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;

    public bool IsLiteral => Kind is SqlTokenKind.Number or SqlTokenKind.String
        || (Kind == SqlTokenKind.Word && (Is("true") || Is("false") || Is("null")));

    /// <summary>The identifier as PostgreSQL folds it: unquoted words lower-cased.</summary>
    public string Identifier => Kind == SqlTokenKind.QuotedIdentifier ? Text : Text.ToLowerInvariant();
}

internal enum SqlTokenKind
{
    Word,
    QuotedIdentifier,
    Parameter,
    Number,
    String,
    Symbol,
}
