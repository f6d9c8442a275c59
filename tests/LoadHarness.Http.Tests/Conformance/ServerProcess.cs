using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LoadHarness.Http.Tests.Conformance;

/// <summary>
/// A real server the tests start as a child process (python's http.server, nginx) on a free 127.0.0.1 port, in a
/// temporary folder of its own; stopped (its process tree killed) and the folder removed on dispose.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process process;
    private readonly string folder;

    private ServerProcess(Process process, string folder, int port)
    {
        this.process = process;
        this.folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Starts <paramref name="program"/> (found on PATH or in the sbin folders) and waits until its port accepts.</summary>
    public static async Task<ServerProcess> StartAsync(string program, Func<string, int, IEnumerable<string>> arguments, Action<string, int>? prepare = null)
    {
        var executable = Find(program)
            ?? throw new InvalidOperationException($"'{program}' is not installed: run `source scripts/prereqs.sh && ensure_prereqs test` (the conformance tests start it)");
        var folder = Directory.CreateTempSubdirectory("lh-conformance-").FullName;
        var port = FreePort();
        prepare?.Invoke(folder, port);
        var info = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        foreach (var argument in arguments(folder, port))
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, folder, port);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await AcceptsAsync(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                server.Dispose();
                lock (output)
                {
                    throw new InvalidOperationException($"{program} did not listen on 127.0.0.1:{port}: {output}");
                }
            }

            await Task.Delay(50);
        }

        return server;
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        finally
        {
            process.Dispose();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string? Find(string program)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return path.Concat(["/usr/sbin", "/usr/local/sbin", "/sbin"]).Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(2));
            return true;
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            return false;
        }
    }
}
