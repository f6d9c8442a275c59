namespace LoadHarness.Reporting.Tests.Fixtures;

/// <summary>A fresh folder under the test output directory, deleted on dispose unless the test wants to keep it.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string name)
    {
        Path = System.IO.Path.Combine(AppContext.BaseDirectory, "reports", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public bool Keep { get; set; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (!Keep && Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
