using LoadHarness.Reporting.Json;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Tests.Fixtures;

namespace LoadHarness.Reporting.Tests;

public sealed class ReportWriterSetTests
{
    [Fact]
    public async Task Writes_result_json_first_then_every_format()
    {
        using var folder = new TempFolder("all-formats");
        var result = Runs.Mixed(seconds: 6);
        var set = ReportWriterSet.ForFormats(ReportFormats.Known.Where(f => f != ReportFormats.Png));

        var outcomes = await set.WriteAsync(result, folder.Path);

        Assert.Equal(["json", "html", "md", "csv", "txt", "junit"], outcomes.Select(o => o.Format));
        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.ToString()));
        Assert.All(outcomes.SelectMany(o => o.Files), f => Assert.True(File.Exists(f), f));
        var json = await RunResultJson.ReadAsync(folder.File("result.json"));
        Assert.Equal(result.Scenarios.Select(s => s.Stats.RequestCount), json.Scenarios.Select(s => s.Stats.RequestCount));
        foreach (var name in new[] { "index.html", "summary.md", "stats.csv", "summary.txt", "junit.xml" })
        {
            Assert.True(File.Exists(folder.File(name)), name);
        }

        // summary.md links the very drawings index.html inlines, as SVG files beside it.
        var svgs = outcomes.Single(o => o.Format == "md").Files.Where(f => f.EndsWith(".svg", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(svgs);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.png"));
        var html = await File.ReadAllTextAsync(folder.File("index.html"));
        var summary = await File.ReadAllTextAsync(folder.File("summary.md"));
        foreach (var svg in svgs)
        {
            var text = await File.ReadAllTextAsync(svg);
            Assert.StartsWith("<svg width=\"760\" height=\"340\" xmlns=\"http://www.w3.org/2000/svg\" ", text, StringComparison.Ordinal);
            var body = text[text.IndexOf('>', StringComparison.Ordinal)..].TrimEnd();
            Assert.Contains(body, html, StringComparison.Ordinal);
            Assert.Contains($"]({Path.GetFileName(svg)})", summary, StringComparison.Ordinal);
        }

        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp-*"));
    }

    [Fact]
    public async Task The_png_format_is_summary_md_with_PNG_charts_written_once()
    {
        using var folder = new TempFolder("png-format");
        var set = ReportWriterSet.ForFormats(["md", "Png"]);

        var outcomes = await set.WriteAsync(Runs.Mixed(seconds: 6), folder.Path);

        Assert.Equal(["json", "md"], outcomes.Select(o => o.Format));
        var pngs = Directory.GetFiles(folder.Path, "*.png");
        Assert.NotEmpty(pngs);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.svg"));
        foreach (var png in pngs)
        {
            var bytes = await File.ReadAllBytesAsync(png);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        }

        var summary = await File.ReadAllTextAsync(folder.File("summary.md"));
        Assert.Contains($"]({Path.GetFileName(pngs[0])})", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_writer_is_reported_and_the_others_still_write()
    {
        using var folder = new TempFolder("failing-writer");
        var set = new ReportWriterSet([ReportFormats.Create("csv"), new ThrowingWriter(), ReportFormats.Create("junit")]);

        var outcomes = await set.WriteAsync(Runs.Mixed(seconds: 4), folder.Path);

        var failed = Assert.Single(outcomes, o => !o.Succeeded);
        Assert.Equal("broken", failed.Format);
        Assert.IsType<InvalidOperationException>(failed.Error);
        Assert.Contains("disk on fire", failed.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(folder.File("result.json")));
        Assert.True(File.Exists(folder.File("stats.csv")));
        Assert.True(File.Exists(folder.File("junit.xml")));
        Assert.False(File.Exists(folder.File("broken.txt")));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp-*"));
    }

    [Theory]
    [InlineData("Html", "html")]
    [InlineData("MD", "md")]
    [InlineData(" csv ", "csv")]
    [InlineData("Txt", "txt")]
    [InlineData("JUnit", "junit")]
    public void Format_names_are_case_insensitive(string name, string expected)
    {
        Assert.Equal(expected, ReportFormats.Normalize(name));
        Assert.Equal(expected, ReportFormats.Create(name).Format);
        Assert.True(ReportFormats.IsKnown(name));
    }

    [Fact]
    public void An_unknown_format_names_itself_and_the_known_ones()
    {
        var ex = Assert.Throws<ArgumentException>(() => ReportWriterSet.ForFormats(["html", "pdf"]));
        Assert.Contains("'pdf'", ex.Message, StringComparison.Ordinal);
        foreach (var known in ReportFormats.Known)
        {
            Assert.Contains(known, ex.Message, StringComparison.Ordinal);
        }

        Assert.False(ReportFormats.IsKnown("pdf"));
    }

    [Fact]
    public void Duplicate_format_names_write_once()
    {
        var set = ReportWriterSet.ForFormats(["Html", "html", "HTML", "md"]);
        Assert.Equal(["html", "md"], set.Writers.Select(w => w.Format));
    }

    private sealed class ThrowingWriter : IReportWriter
    {
        public string Format => "broken";

        public async Task<IReadOnlyList<string>> WriteAsync(RunResult result, string outputFolder, CancellationToken cancellationToken)
        {
            await Task.Yield();
            throw new InvalidOperationException("disk on fire");
        }
    }

    [Fact]
    public async Task A_folder_written_again_for_another_run_holds_that_runs_files_only_and_a_rerender_adds_to_them()
    {
        using var folder = new TempFolder("written-again");
        var first = Runs.Mixed(seconds: 6);
        var second = first with { Test = first.Test with { SessionId = first.Test.SessionId + "-next" } };
        await File.WriteAllTextAsync(folder.File("notes.txt"), "mine");

        await ReportWriterSet.ForFormats(["html", "junit"]).WriteAsync(first, folder.Path);
        Assert.True(File.Exists(folder.File("junit.xml")));

        // Another run into the same --out with other formats: the first run's verdict files do not stay beside it.
        await ReportWriterSet.ForFormats(["txt"]).WriteAsync(second, folder.Path);

        Assert.False(File.Exists(folder.File("junit.xml")));
        Assert.False(File.Exists(folder.File("index.html")));
        Assert.True(File.Exists(folder.File("summary.txt")));
        Assert.Equal(second.Test.SessionId, (await RunResultJson.ReadAsync(folder.File("result.json"))).Test.SessionId);
        Assert.Equal("mine", await File.ReadAllTextAsync(folder.File("notes.txt"))); // not ours: never touched

        // The same run rendered again in another format (loadharness report): its earlier files stay.
        await ReportWriterSet.ForFormats(["csv"]).WriteAsync(second, folder.Path);

        Assert.True(File.Exists(folder.File("summary.txt")));
        Assert.True(File.Exists(folder.File("stats.csv")));
    }
}

