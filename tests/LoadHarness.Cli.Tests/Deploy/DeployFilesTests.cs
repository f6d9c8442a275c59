using System.Diagnostics;
using LoadHarness.Core.Capacity;
using LoadHarness.Core.Load;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Merge;
using YamlDotNet.RepresentationModel;

namespace LoadHarness.Cli.Tests.Deploy;

/// <summary>
/// deploy/kubernetes without a cluster: the manifests parse as YAML and have the shape the Jobs need, the Dockerfile
/// parses and builds/runs as promised (multi-stage, non-root, /results a volume), and the segments the pods compute
/// (through a real /bin/sh) make up every capacity step's load exactly.
/// </summary>
public sealed class DeployFilesTests
{
    private static readonly string Folder = Path.Combine(RepositoryRoot(), "deploy", "kubernetes");

    public static TheoryData<string> Manifests() => [.. ManifestFiles()];

    [Fact]
    public void Every_job_manifest_is_there() =>
        Assert.Equal(["capacity-job.yaml", "job.yaml", "merge-job.yaml"], ManifestFiles());

    private static string[] ManifestFiles() => [.. Directory.GetFiles(Folder, "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Manifest_parses_as_a_batch_job_running_the_image_as_non_root_with_results_mounted(string file)
    {
        var job = Load(file);

        Assert.Equal("batch/v1", Scalar(job, "apiVersion"));
        Assert.Equal("Job", Scalar(job, "kind"));
        Assert.Equal("0", Scalar(job, "spec", "backoffLimit"));
        var pod = Map(job, "spec", "template", "spec");
        Assert.Equal("Never", Scalar(pod, "restartPolicy"));
        Assert.Equal("true", Scalar(pod, "securityContext", "runAsNonRoot"));
        var container = (YamlMappingNode)((YamlSequenceNode)pod.Children[new YamlScalarNode("containers")]).Children.Single();
        Assert.StartsWith("registry.example.com/loadharness:", Scalar(container, "image"), StringComparison.Ordinal);
        Assert.Contains("loadharness ", Command(container), StringComparison.Ordinal);
        var volumes = ((YamlSequenceNode)pod.Children[new YamlScalarNode("volumes")]).Children.Cast<YamlMappingNode>().Select(v => Scalar(v, "name")).ToHashSet();
        var mounts = ((YamlSequenceNode)container.Children[new YamlScalarNode("volumeMounts")]).Children.Cast<YamlMappingNode>().ToArray();
        Assert.All(mounts, m => Assert.Contains(Scalar(m, "name"), volumes));
        Assert.Contains(mounts, m => Scalar(m, "mountPath") == "/results");
    }

    [Theory]
    [InlineData("job.yaml", "run")]
    [InlineData("capacity-job.yaml", "capacity")]
    public void Indexed_jobs_give_each_pod_its_segment_and_the_segments_add_up(string file, string verb)
    {
        var job = Load(file);
        Assert.Equal("Indexed", Scalar(job, "spec", "completionMode"));
        var completions = int.Parse(Scalar(job, "spec", "completions"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(completions.ToString(System.Globalization.CultureInfo.InvariantCulture), Scalar(job, "spec", "parallelism"));
        var container = (YamlMappingNode)((YamlSequenceNode)Map(job, "spec", "template", "spec").Children[new YamlScalarNode("containers")]).Children.Single();
        var env = ((YamlSequenceNode)container.Children[new YamlScalarNode("env")]).Children.Cast<YamlMappingNode>()
            .ToDictionary(e => Scalar(e, "name"), e => e.Children.TryGetValue(new YamlScalarNode("value"), out var v) ? ((YamlScalarNode)v).Value : null);
        Assert.Equal(completions.ToString(System.Globalization.CultureInfo.InvariantCulture), env["SEGMENTS"]);

        // What each pod's shell really runs, with `loadharness` standing in as a function that prints its arguments.
        var segments = Enumerable.Range(0, completions).Select(i =>
        {
            var arguments = Shell(Command(container), i, env["SEGMENTS"]!);
            Assert.Equal(verb, arguments[0]);
            Assert.Contains("--out", arguments);
            return ExecutionSegment.Parse(arguments[arguments.IndexOf("--segment") + 1]);
        }).ToArray();

        Assert.Equal(ExecutionSegmentSet.Even(completions), segments);
        Assert.Empty(SegmentCoverage.Problems(segments.Select(s => s.ToString())));
        foreach (var load in new[] { 1, 3, 50, 101, 1000 })
        {
            var closed = CapacityStep.Simulation(LoadModel.Closed, load, TimeSpan.FromSeconds(30));
            Assert.Equal(load, segments.Sum(s => LoadPlan.Create([closed], s).TargetVUsAt(TimeSpan.FromSeconds(1))));
            var open = CapacityStep.Simulation(LoadModel.Open, load, TimeSpan.FromSeconds(30));
            Assert.Equal(load * 30L, segments.Sum(s => LoadPlan.Create([open], s).ArrivalsBy(TimeSpan.FromSeconds(30))));
        }
    }

    [Fact]
    public void Dockerfile_builds_with_the_sdk_and_runs_loadharness_on_the_runtime_as_non_root()
    {
        var dockerfile = Dockerfile.Parse(File.ReadAllText(Path.Combine(Folder, "Dockerfile")));
        var stages = dockerfile.Stages;

        Assert.Equal(2, stages.Count);
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/sdk:10\.0 AS build$", stages[0].From);
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/runtime:10\.0 AS runtime$", stages[1].From);
        Assert.Contains(stages[0].Body, i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish src/LoadHarness.Cli/LoadHarness.Cli.csproj", StringComparison.Ordinal));
        var runtime = stages[1].Body;
        Assert.Contains(runtime, i => i.Keyword == "COPY" && i.Arguments.StartsWith("--from=build /app", StringComparison.Ordinal));
        Assert.DoesNotContain(runtime, i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal));

        // The last USER is not root, and nothing runs after it that would need root.
        var user = runtime.Last(i => i.Keyword == "USER");
        Assert.DoesNotMatch(@"^(root|0)(:|$)", user.Arguments);
        Assert.DoesNotContain(runtime, i => i.Line > user.Line && i.Keyword == "RUN");
        Assert.Contains(runtime, i => i.Keyword == "VOLUME" && i.Arguments.Contains("\"/results\"", StringComparison.Ordinal));
        Assert.Equal("[\"loadharness\"]", runtime.Single(i => i.Keyword == "ENTRYPOINT").Arguments);
        Assert.Contains(runtime, i => i.Keyword == "RUN" && i.Arguments.Contains("/usr/local/bin/loadharness", StringComparison.Ordinal));

        // Every path the build stage copies exists in the repository (the build context is its root).
        foreach (var copy in stages[0].Body.Where(i => i.Keyword == "COPY"))
        {
            var sources = copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1];
            Assert.All(sources, s => Assert.True(Path.Exists(Path.Combine(RepositoryRoot(), s)), $"line {copy.Line}: {s} is not in the repository"));
        }

        Assert.True(File.Exists(Path.Combine(Folder, "Dockerfile.dockerignore")));
    }

    [Fact]
    public void The_dockerfile_reader_rejects_what_docker_would()
    {
        Assert.Throws<FormatException>(() => Dockerfile.Parse("FROM x\nrun echo lower case\n"));
        Assert.Throws<FormatException>(() => Dockerfile.Parse("FORM x\n"));
        Assert.Throws<FormatException>(() => Dockerfile.Parse("COPY a b\nFROM x\n").Stages);
    }

    private static YamlMappingNode Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Folder, file));
        stream.Load(reader);
        return (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
    }

    private static YamlMappingNode Map(YamlMappingNode node, params string[] path) =>
        path.Aggregate(node, (n, key) => (YamlMappingNode)n.Children[new YamlScalarNode(key)]);

    private static string Scalar(YamlMappingNode node, params string[] path) =>
        ((YamlScalarNode)Map(node, path[..^1]).Children[new YamlScalarNode(path[^1])]).Value!;

    private static string Command(YamlMappingNode container)
    {
        var command = ((YamlSequenceNode)container.Children[new YamlScalarNode("command")]).Children.Cast<YamlScalarNode>().Select(s => s.Value ?? "").ToArray();
        Assert.Equal(["/bin/sh", "-c"], command);
        return ((YamlScalarNode)((YamlSequenceNode)container.Children[new YamlScalarNode("args")]).Children.Single()).Value!;
    }

    [Theory]
    [InlineData("5d7c", null, "5d7c")] // Kubernetes 1.27+: batch.kubernetes.io/controller-uid
    [InlineData(null, "0a1b", "0a1b")] // earlier: controller-uid
    [InlineData("5d7c", "5d7c", "5d7c")] // both (1.27+ sets the legacy label too)
    [InlineData(null, null, "")] // neither: an empty id, which capacity reads as none
    public void Indexed_jobs_name_their_run_by_the_jobs_uid(string? uid, string? legacyUid, string expected)
    {
        foreach (var (file, flag) in new[] { ("job.yaml", "--run-id"), ("capacity-job.yaml", "--search-id") })
        {
            var container = (YamlMappingNode)((YamlSequenceNode)Map(Load(file), "spec", "template", "spec").Children[new YamlScalarNode("containers")]).Children.Single();
            var env = ((YamlSequenceNode)container.Children[new YamlScalarNode("env")]).Children.Cast<YamlMappingNode>().ToDictionary(e => Scalar(e, "name"));
            Assert.Equal("metadata.labels['batch.kubernetes.io/controller-uid']", Scalar(env["JOB_UID"], "valueFrom", "fieldRef", "fieldPath"));
            Assert.Equal("metadata.labels['controller-uid']", Scalar(env["LEGACY_JOB_UID"], "valueFrom", "fieldRef", "fieldPath"));

            // The downward API gives an empty string for a label the pod does not have.
            var arguments = Shell(Command(container), 0, "4", new Dictionary<string, string> { ["JOB_UID"] = uid ?? "", ["LEGACY_JOB_UID"] = legacyUid ?? "" });

            Assert.Equal(expected, arguments[arguments.IndexOf(flag) + 1]);
            if (file == "job.yaml")
            {
                // The run's pods start their load together, in a folder of the shared volume that no pod's --out is.
                Assert.Equal("/results/segments", arguments[arguments.IndexOf("--start-together") + 1]);
                Assert.NotEqual("/results/segments", arguments[arguments.IndexOf("--out") + 1]);
            }
        }
    }

    /// <summary>Runs a pod's shell command with <c>loadharness</c> replaced by a function printing one argument a line.</summary>
    private static List<string> Shell(string script, int index, string segments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("/bin/sh", ["-c", "loadharness() { printf '%s\\n' \"$@\"; }\n" + script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["JOB_COMPLETION_INDEX"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["SEGMENTS"] = segments;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(10_000), "the shell must end");
        Assert.True(process.ExitCode == 0, error);
        return [.. output.Split('\n')[..^1]]; // one argument a line, an empty one too
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LoadHarness.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("LoadHarness.sln not found above " + AppContext.BaseDirectory);
    }
}
