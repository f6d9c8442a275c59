using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LoadHarness.Http.Tests.Conformance;

/// <summary>
/// A raw HTTP/1.x server on 127.0.0.1 (free port) for what Kestrel cannot be made to do: HTTP/1.0 answers, a close at
/// an exact moment, resets, heads split into many TCP segments, short bodies, malformed status lines, silence. Each
/// connection runs <paramref name="behaviour"/>; the server counts connections and requests.
/// </summary>
internal sealed class MisbehavingServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Func<ServerConnection, Task> behaviour;
    private readonly List<Task> running = [];
    private readonly Task accepting;
    private int connections;
    private int requests;

    public MisbehavingServer(Func<ServerConnection, Task> behaviour)
    {
        this.behaviour = behaviour;
        listener.Start();
        BaseUrl = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        accepting = AcceptAsync();
    }

    public string BaseUrl { get; }

    /// <summary>TCP connections accepted.</summary>
    public int Connections => Volatile.Read(ref connections);

    /// <summary>Request heads received (a request sent again counts twice).</summary>
    public int Requests => Volatile.Read(ref requests);

    /// <summary>Answers every request with <paramref name="response"/>; then closes the connection when <paramref name="close"/>.</summary>
    public static MisbehavingServer Answering(string response, bool close = false) => new(async c =>
    {
        while (await c.ReadRequestAsync() is not null)
        {
            await c.WriteAsync(response);
            if (close)
            {
                c.Close();
                return;
            }
        }
    });

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }

        Task[] all;
        lock (running)
        {
            all = [.. running];
        }

        await Task.WhenAll(all.Select(t => t.ContinueWith(static _ => { }, TaskScheduler.Default)));
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var socket = await listener.AcceptSocketAsync(stop.Token);
            Interlocked.Increment(ref connections);
            var connection = new ServerConnection(socket, () => Interlocked.Increment(ref requests), stop.Token);
            lock (running)
            {
                running.Add(Task.Run(() => RunAsync(connection)));
            }
        }
    }

    private async Task RunAsync(ServerConnection connection)
    {
        try
        {
            await behaviour(connection);
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away, or the test ended.
        }
        finally
        {
            connection.Dispose();
        }
    }
}
