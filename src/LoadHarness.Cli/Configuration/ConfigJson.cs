using System.Text.Json;

namespace LoadHarness.Cli.Configuration;

/// <summary>How every reader of the config file reads its JSON: comments and trailing commas allowed, a byte order mark skipped.</summary>
internal static class ConfigJson
{
    public static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The file's bytes, without a UTF-8 byte order mark.</summary>
    public static byte[] ReadFile(string path) => WithoutBom(File.ReadAllBytes(path));

    /// <summary>
    /// The JSON without a leading UTF-8 byte order mark: Notepad and Visual Studio may save one, and the JSON reader
    /// refuses it as "'0xEF' is an invalid start of a value" (Microsoft.Extensions.Configuration's file provider skips it).
    /// </summary>
    public static byte[] WithoutBom(byte[] json) => json.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? json[3..] : json;
}
