using System.Threading.Channels;
using LoadHarness.Core.Execution;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace LoadHarness.Cli.Output;

/// <summary>Interactive progress on a terminal: a Spectre.Console table redrawn from each snapshot (handed over through a channel).</summary>
internal sealed class LiveProgress : IRunProgress
{
    private readonly Channel<RunSnapshot> snapshots = Channel.CreateBounded<RunSnapshot>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly IReadOnlySet<string> openScenarios;
    private readonly Task loop;

    public LiveProgress(TextWriter output, string title, IReadOnlySet<string> openScenarios)
    {
        this.openScenarios = openScenarios;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        loop = console.Live(Render(title, null)).AutoClear(false).StartAsync(async context =>
        {
            await foreach (var snapshot in snapshots.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                context.UpdateTarget(Render(title, snapshot));
                context.Refresh();
            }
        });
    }

    public void OnSnapshot(RunSnapshot snapshot) => snapshots.Writer.TryWrite(snapshot);

    public async ValueTask DisposeAsync()
    {
        snapshots.Writer.TryComplete();
        await loop.ConfigureAwait(false);
    }

    private IRenderable Render(string title, RunSnapshot? snapshot)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title) + (snapshot is null ? "" : "  " + ProgressText.Clock(snapshot.Elapsed)));
        foreach (var column in new[] { "scenario", "progress", "load", "rps", "p95 ms", "errors", "thresholds" })
        {
            table.AddColumn(column);
        }

        foreach (var s in snapshot?.Scenarios ?? [])
        {
            var fraction = s.Total > TimeSpan.Zero ? Math.Clamp(s.Elapsed / s.Total, 0, 1) : 0;
            var bar = new string('█', (int)(fraction * 10)) + new string('░', 10 - (int)(fraction * 10));
            var state = s.IsFinished ? "done" : s.IsWarmingUp ? "warm-up" : $"{bar} {ProgressText.Clock(s.Elapsed)}/{ProgressText.Clock(s.Total)}";
            var thresholds = ProgressText.Thresholds(snapshot!, s.Name, compact: true);
            table.AddRow(
                Markup.Escape(s.Name),
                Markup.Escape(state),
                Markup.Escape(ProgressText.Load(s, openScenarios.Contains(s.Name))),
                ProgressText.Number(s.Rps),
                ProgressText.Ms(s.P95Ms),
                (s.ErrorRate > 0 ? "[red]" : "[green]") + ProgressText.Percent(s.ErrorRate) + "[/]",
                (thresholds.StartsWith('✗') ? "[red]" : "[green]") + Markup.Escape(thresholds) + "[/]");
        }

        return table;
    }
}
