namespace LoadHarness.Testing;

/// <summary>A fresh folder under the temp directory, deleted on dispose unless <see cref="Keep"/> is set.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "lh")
    {
        Path = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N")[..8])).FullName;
    }

    public string Path { get; }

    /// <summary>Leave the folder behind (to look at a report a test wrote).</summary>
    public bool Keep { get; set; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> in the folder; returns its path.</summary>
    public string Write(string name, string text)
    {
        var path = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        if (Keep)
        {
            return;
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a child process may still hold a file
        }
    }
}
