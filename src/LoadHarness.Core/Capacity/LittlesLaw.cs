namespace LoadHarness.Core.Capacity;

/// <summary>
/// Little's law for planning: concurrency = throughput × (response time + think time). A closed system of N users
/// who each wait for a response (R) then think (Z) offers N ÷ (R + Z) requests per second; a throughput X needs
/// X × (R + Z) users. It holds for means: use the mean response time for the number, quote the p95 beside it.
/// </summary>
public static class LittlesLaw
{
    /// <summary>Users (concurrent sessions) that a throughput supports: X × (R + Z).</summary>
    public static double Concurrency(double requestsPerSec, TimeSpan responseTime, TimeSpan thinkTime)
    {
        Check(requestsPerSec, responseTime, thinkTime);
        return requestsPerSec * (responseTime + thinkTime).TotalSeconds;
    }

    /// <summary>The throughput N users offer: N ÷ (R + Z); 0 when R + Z is zero (undefined: an infinitely fast loop).</summary>
    public static double Throughput(double concurrency, TimeSpan responseTime, TimeSpan thinkTime)
    {
        Check(concurrency, responseTime, thinkTime);
        var cycle = (responseTime + thinkTime).TotalSeconds;
        return cycle > 0 ? concurrency / cycle : 0;
    }

    private static void Check(double rate, TimeSpan responseTime, TimeSpan thinkTime)
    {
        if (!(rate >= 0) || double.IsInfinity(rate))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), "must be a finite number >= 0");
        }

        if (responseTime < TimeSpan.Zero || thinkTime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(responseTime), "response and think time must not be negative");
        }
    }
}
