namespace LoadHarness.Http.Tests.Conformance;

/// <summary>
/// <c>python3 -m http.server</c> serving a 3-byte file (<c>/f.txt</c>): HTTP/1.0, every answer followed by a close,
/// a listen backlog of 5. A server new users point the harness at first.
/// </summary>
public sealed class PythonHttpServer : IAsyncLifetime
{
    public const string File = "/f.txt";

    private ServerProcess? server;

    public string BaseUrl => server!.BaseUrl;

    public async Task InitializeAsync() => server = await ServerProcess.StartAsync(
        "python3",
        static (folder, port) => ["-m", "http.server", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--directory", folder],
        static (folder, _) => System.IO.File.WriteAllText(Path.Combine(folder, "f.txt"), "abc"));

    public Task DisposeAsync()
    {
        server?.Dispose();
        return Task.CompletedTask;
    }
}
