using LoadHarness.Cli.Configuration;

namespace LoadHarness.Cli.Commands.Run;

/// <summary>What <c>run</c> was asked for.</summary>
internal sealed record RunArguments
{
    public string? ConfigPath { get; init; }

    /// <summary>A quick run from flags (<c>--url</c>), in place of a config file.</summary>
    public QuickRunOptions? QuickRun { get; init; }

    public ConfigOverrides Overrides { get; init; } = ConfigOverrides.None;

    public string? OutFolder { get; init; }

    public bool NoGate { get; init; }

    public bool Ci { get; init; }

    public bool Quiet { get; init; }

    /// <summary>Embedded default only: run without the index migration, apply it, run again, compare.</summary>
    public bool BeforeAfter { get; init; }

    /// <summary>The build label (<c>--label v1.4.2</c>), stored as the result's "build" label; compare and trend name runs by it.</summary>
    public string? Label { get; init; }

    /// <summary>
    /// --start-together DIR: with --segment, the folder every segment's process shares; the load starts when the
    /// segments there make up the whole (<see cref="SegmentRollCall"/>).
    /// </summary>
    public string? StartTogether { get; init; }

    /// <summary>--run-id: the same for every segment of one run (a Job's uid); kept as the result's "run.id" label.</summary>
    public string? RunId { get; init; }

    /// <summary>How long --start-together waits for the other segments.</summary>
    public TimeSpan SegmentWait { get; init; } = Capacity.CapacityStepRunner.SegmentTimeout;
}
