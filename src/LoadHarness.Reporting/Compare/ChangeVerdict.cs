namespace LoadHarness.Reporting.Compare;

/// <summary>What a comparison concludes about one metric of one scope.</summary>
public enum ChangeVerdict
{
    /// <summary>Within the relative tolerance or the absolute floor: not a change that matters.</summary>
    Unchanged,

    /// <summary>Better beyond the tolerance and the floor, and the interval excludes no change.</summary>
    Improved,

    /// <summary>Worse beyond the tolerance and the floor, and the interval excludes no change.</summary>
    Regressed,

    /// <summary>Moved beyond the tolerance and the floor, but the runs' own noise could explain it (or too few samples).</summary>
    Inconclusive,
}
