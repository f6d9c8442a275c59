namespace LoadHarness.Cli.Configuration;

/// <summary>Turns Microsoft.Extensions.Configuration paths (<c>A:B:2:C</c>) into the JSON paths users read (<c>A.B[2].C</c>).</summary>
public static class ConfigPath
{
    public static string ToJsonPath(string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        var builder = new System.Text.StringBuilder(configurationPath.Length + 8);
        foreach (var segment in configurationPath.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment.All(char.IsAsciiDigit))
            {
                builder.Append('[').Append(segment).Append(']');
            }
            else
            {
                if (builder.Length > 0)
                {
                    builder.Append('.');
                }

                builder.Append(segment);
            }
        }

        return builder.ToString();
    }

    public static string Index(string path, int index) => $"{path}[{index}]";

    public static string Key(string path, string key) => path.Length == 0 ? key : path + "." + key;
}
