using System.Globalization;
using BenchmarkDotNet.Running;
using LoadHarness.Bench;

var mode = args.Length > 0 ? args[0] : "engine";
var rest = args.Skip(1).ToArray();
switch (mode)
{
    case "engine":
        await EngineBenchmark.RunAsync(rest);
        break;
    case "memory":
        await MemoryBenchmark.RunAsync(rest);
        break;
    case "accuracy":
        await AccuracyBenchmark.RunAsync(rest);
        break;
    case "micro":
        BenchmarkRunner.Run<RecorderBenchmarks>(args: rest);
        break;
    default:
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"unknown mode '{mode}': engine | memory | accuracy | micro"));
        return 2;
}

return 0;
