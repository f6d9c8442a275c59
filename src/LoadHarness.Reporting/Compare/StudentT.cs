namespace LoadHarness.Reporting.Compare;

/// <summary>Quantiles of the normal and Student's t distributions, for the comparison's intervals.</summary>
internal static class StudentT
{
    /// <summary>The <paramref name="p"/> quantile of Student's t with <paramref name="df"/> degrees of freedom (p in 0.5 .. 1).</summary>
    public static double Quantile(double p, double df)
    {
        if (df <= 1)
        {
            return Math.Tan(Math.PI * (p - 0.5));
        }

        if (df <= 2)
        {
            return (2 * p - 1) / Math.Sqrt(2 * p * (1 - p));
        }

        // Cornish-Fisher expansion around the normal quantile (error < 0.01 from 3 degrees of freedom on).
        var z = Normal(p);
        double z2 = z * z, z3 = z2 * z, z5 = z3 * z2, z7 = z5 * z2, z9 = z7 * z2;
        return z
            + ((z3 + z) / (4 * df))
            + (((5 * z5) + (16 * z3) + (3 * z)) / (96 * df * df))
            + (((3 * z7) + (19 * z5) + (17 * z3) - (15 * z)) / (384 * df * df * df))
            + (((79 * z9) + (776 * z7) + (1482 * z5) - (1920 * z3) - (945 * z)) / (92160 * df * df * df * df));
    }

    /// <summary>The standard normal quantile (Acklam's rational approximation, relative error &lt; 1.2e-9).</summary>
    public static double Normal(double p)
    {
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        if (p < low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((((((c[0] * q) + c[1]) * q) + c[2]) * q) + c[3]) * q) + c[4]) * q + c[5]) / ((((((((d[0] * q) + d[1]) * q) + d[2]) * q) + d[3]) * q) + 1);
        }

        if (p > 1 - low)
        {
            return -Normal(1 - p);
        }

        var r = p - 0.5;
        var s = r * r;
        return (((((((((a[0] * s) + a[1]) * s) + a[2]) * s) + a[3]) * s) + a[4]) * s + a[5]) * r
            / (((((((((b[0] * s) + b[1]) * s) + b[2]) * s) + b[3]) * s) + b[4]) * s + 1);
    }
}
