using System.Globalization;

namespace LoadHarness.Http.Tests.Conformance;

/// <summary>
/// nginx (nginx-light) as an unprivileged-capable child process with its own prefix, config and logs in a temp folder,
/// on a free 127.0.0.1 port: <c>keepalive_timeout 300ms</c> and <c>keepalive_requests 5</c> (it closes idle kept-alive
/// connections, and every fifth answer says <c>Connection: close</c>); <c>/</c> answers 200 <c>ok</c>.
/// </summary>
public sealed class NginxServer : IAsyncLifetime
{
    /// <summary>nginx closes a kept-alive connection idle this long (a think time of about as much races that close).</summary>
    public const int KeepAliveTimeoutMs = 300;

    private ServerProcess? server;

    public string BaseUrl => server!.BaseUrl;

    public async Task InitializeAsync() => server = await ServerProcess.StartAsync(
        "nginx",
        static (folder, _) => ["-e", "stderr", "-p", folder, "-c", Path.Combine(folder, "nginx.conf")],
        static (folder, port) => File.WriteAllText(Path.Combine(folder, "nginx.conf"), Config(folder, port)));

    public Task DisposeAsync()
    {
        server?.Dispose();
        return Task.CompletedTask;
    }

    private static string Config(string folder, int port) => string.Create(CultureInfo.InvariantCulture, $$"""
        daemon off;
        worker_processes 1;
        pid {{folder}}/nginx.pid;
        error_log stderr warn;
        events { worker_connections 1024; }
        http {
          access_log off;
          client_body_temp_path {{folder}}/body;
          proxy_temp_path {{folder}}/proxy;
          fastcgi_temp_path {{folder}}/fastcgi;
          uwsgi_temp_path {{folder}}/uwsgi;
          scgi_temp_path {{folder}}/scgi;
          keepalive_timeout {{KeepAliveTimeoutMs}}ms;
          keepalive_requests 5;
          server {
            listen 127.0.0.1:{{port}};
            location / { return 200 ok; }
          }
        }
        """);
}
