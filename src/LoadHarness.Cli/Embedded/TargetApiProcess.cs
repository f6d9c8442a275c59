using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace LoadHarness.Cli.Embedded;

/// <summary>
/// samples/TargetApi as a child process: <c>dotnet TargetApi.dll --urls http://127.0.0.1:PORT</c> with
/// <c>ConnectionStrings__TargetDb</c> set; ready once it logs "Application started" and answers GET /health.
/// Killed (whole tree) on dispose and when this process exits.
/// </summary>
internal sealed class TargetApiProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 200;

    private readonly Process process;
    private readonly Queue<string> output = new();
    private readonly Lock outputGate = new();
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly EventHandler onProcessExit;
    private int disposed;

    private TargetApiProcess(Process process, Uri baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
        onProcessExit = (_, _) => Kill();
        AppDomain.CurrentDomain.ProcessExit += onProcessExit;
    }

    public Uri BaseUrl { get; }

    /// <summary>The last lines the API wrote (stdout and stderr), for a failure message.</summary>
    public string RecentOutput
    {
        get
        {
            lock (outputGate)
            {
                return string.Join('\n', output);
            }
        }
    }

    /// <summary>Starts the API and waits until it is healthy; a port taken meanwhile is retried on another one.</summary>
    public static async Task<TargetApiProcess> StartAsync(string connectionString, TimeSpan timeout, Action<string>? log, CancellationToken cancellationToken)
    {
        var dll = TargetApiLocator.Locate();
        for (var attempt = 1; ; attempt++)
        {
            var api = Start(dll, FreeLoopbackPort(), connectionString);
            try
            {
                await api.WaitUntilHealthyAsync(timeout, cancellationToken).ConfigureAwait(false);
                log?.Invoke($"TargetApi started at {api.BaseUrl} (pid {api.process.Id}, {dll})");
                return api;
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                var recent = api.RecentOutput;
                await api.DisposeAsync().ConfigureAwait(false);
                var portTaken = recent.Contains("address already in use", StringComparison.OrdinalIgnoreCase);
                if (portTaken && attempt < 3)
                {
                    continue;
                }

                log?.Invoke("TargetApi output:\n" + recent);
                throw new InvalidOperationException($"TargetApi did not start: {e.Message}\n{recent}", e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= onProcessExit;
        Kill();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Killed but not reaped within 10 s: nothing more to do.
        }

        process.Dispose();
    }

    private static TargetApiProcess Start(string dll, int port, string connectionString)
    {
        var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        var info = new ProcessStartInfo(DotnetHost())
        {
            ArgumentList = { dll, "--urls", url.ToString().TrimEnd('/') },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.Environment["ConnectionStrings__TargetDb"] = connectionString;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_NOLOGO"] = "1";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var api = new TargetApiProcess(process, url);
        process.OutputDataReceived += (_, e) => api.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => api.OnLine(e.Data);
        process.Exited += (_, _) => api.started.TrySetException(new InvalidOperationException(
            string.Create(CultureInfo.InvariantCulture, $"the process exited with code {SafeExitCode(process)}")));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return api;
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await started.Task.WaitAsync(deadline.Token).ConfigureAwait(false);

            // Asked again until the deadline: on a busy machine the first answer (first connection, JIT) can take longer
            // than one request's timeout.
            using var client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(15) };
            while (true)
            {
                try
                {
                    using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), deadline.Token).ConfigureAwait(false);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        throw new InvalidOperationException($"GET /health answered {(int)response.StatusCode}");
                    }

                    return;
                }
                catch (TaskCanceledException) when (!deadline.IsCancellationRequested)
                {
                    // This request timed out; the deadline has not passed.
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no healthy answer at {BaseUrl} within {timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            throw new InvalidOperationException($"GET /health failed: {e.Message}", e);
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.Contains("Application started", StringComparison.Ordinal))
        {
            started.TrySetResult();
        }

        lock (outputGate)
        {
            output.Enqueue(line);
            if (output.Count > KeptOutputLines)
            {
                output.Dequeue();
            }
        }
    }

    private void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Not started or already gone.
        }
    }

    private static int SafeExitCode(Process process)
    {
        try
        {
            return process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }

    /// <summary>The dotnet host running this process (DOTNET_HOST_PATH, else the one above the shared runtime).</summary>
    private static string DotnetHost()
    {
        var exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/ -> <root>/dotnet
        var runtime = new DirectoryInfo(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory());
        var root = runtime.Parent?.Parent?.Parent;
        if (root is not null && File.Exists(Path.Combine(root.FullName, exe)))
        {
            return Path.Combine(root.FullName, exe);
        }

        return exe;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
