using System.Globalization;
using System.Text;
using LoadHarness.Core.Results;

namespace LoadHarness.Reporting.Writing;

/// <summary>Writes a file through a temp file beside it and a rename, so a reader never sees half a file.</summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>A one-file report: renders, then writes <paramref name="fileName"/> in <paramref name="folder"/> atomically.</summary>
    public static async Task<IReadOnlyList<string>> WriteReportAsync(
        RunResult result, string folder, string fileName, Func<RunResult, string> render, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        return [await WriteTextAsync(Path.Combine(folder, fileName), render(result), cancellationToken).ConfigureAwait(false)];
    }

    public static Task<string> WriteTextAsync(string path, string content, CancellationToken cancellationToken) =>
        WriteBytesAsync(path, Utf8NoBom.GetBytes(content), cancellationToken);

    public static async Task<string> WriteBytesAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = string.Create(
            CultureInfo.InvariantCulture,
            $"{full}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            await File.WriteAllBytesAsync(temp, content, cancellationToken).ConfigureAwait(false);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }

        return full;
    }
}
