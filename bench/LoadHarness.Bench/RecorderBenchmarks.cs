using BenchmarkDotNet.Attributes;
using LoadHarness.Core.Metrics;

namespace LoadHarness.Bench;

/// <summary>Micro: cost of recording one sample (the hot path) and of an interval collection.</summary>
[MemoryDiagnoser]
public class RecorderBenchmarks
{
    private readonly StepRecorder recorder = new("bench");
    private long value = 1;

    [Benchmark]
    public void RecordOk() => recorder.RecordOk((value = (value * 31 % 1_000_000) + 1), 200, 100);

    [Benchmark]
    public void RecordFail() => recorder.RecordFail(value, 500, 0, "status 500", "err");

    [Benchmark]
    public void CollectInterval() => recorder.CollectInterval();
}
