using LoadHarness.Reporting.Writing;

namespace LoadHarness.Reporting.Audit;

/// <summary>Writes a page as &lt;kind&gt;.json first, then .md and .html, each atomically; returns the paths written.</summary>
public static class AuditDocumentWriter
{
    public static async Task<IReadOnlyList<string>> WriteAsync(AuditDocument document, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var name = Path.Combine(folder, document.Kind);
        return
        [
            await AtomicFile.WriteTextAsync(name + ".json", AuditJson.Render(document), cancellationToken).ConfigureAwait(false),
            await AtomicFile.WriteTextAsync(name + ".md", AuditMarkdown.Render(document), cancellationToken).ConfigureAwait(false),
            await AtomicFile.WriteTextAsync(name + ".html", AuditHtml.Render(document), cancellationToken).ConfigureAwait(false),
        ];
    }
}
