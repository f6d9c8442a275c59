using LoadHarness.Reporting.Json;
using System.Diagnostics;
using LoadHarness.Cli.Tests.Fixtures;
using LoadHarness.Core.Results;
using LoadHarness.Http;

namespace LoadHarness.Cli.Tests;

/// <summary>--inline-socket-completions re-executes the real loadharness with the socket engine settings, and the result records them.</summary>
public sealed class SocketSettingsTests(LoopbackServer server) : IClassFixture<LoopbackServer>
{
    [Fact]
    public async Task The_flag_restarts_the_process_with_the_socket_settings()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", Configs.Http(server.BaseUrl, "/ok", ["rate < 0.01"], load: """[{ "KeepConstant": [1, "1s"] }]"""));
        // The command's own build output (its deps.json resolves its packages; the test's bin holds ASP.NET Core's instead).
        var dll = Path.Combine(AppContext.BaseDirectory.Replace(
            Path.Combine("tests", "LoadHarness.Cli.Tests"), Path.Combine("src", "LoadHarness.Cli"), StringComparison.Ordinal), "loadharness.dll");
        Assert.True(File.Exists(dll), dll);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { dll, "run", "--config", config, "--out", temp.File("out"), "--inline-socket-completions", "--ci" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS");
        start.Environment.Remove("DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output + await error;

        Assert.True(process.ExitCode == 0, text);
        Assert.Contains("socket completions inline on 1 socket thread", text, StringComparison.Ordinal);
        var result = await RunResultJson.ReadAsync(temp.File("out/result.json"));
        Assert.Equal("1", result.Environment.Settings["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"]);
        Assert.Equal("1", result.Environment.Settings["DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT"]);
    }

    [Fact]
    public async Task A_run_of_a_config_http_scenario_records_whether_its_raw_connections_continued_inline()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", Configs.Http(server.BaseUrl, "/ok", ["rate < 0.01"], load: """[{ "KeepConstant": [1, "1s"] }]"""));

        var outcome = await CliRunner.RunAsync("run", "--config", config, "--out", temp.File("out"), "--quiet");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var result = await RunResultJson.ReadAsync(temp.File("out/result.json"));
        Assert.Equal(RawInline.ForScenariosWithoutUserCode ? "1" : "0", result.Environment.Settings[RawInline.Variable]);
        Assert.Equal(0, result.Scenarios.Single().Stats.FailCount);
    }
}
