using LoadHarness.Core.Parsing;

namespace LoadHarness.Scenarios.Catalog;

/// <summary>The scenarios the command can run by name. Names are case-sensitive, like NBomber's.</summary>
public sealed class ScenarioCatalog
{
    private readonly Dictionary<string, ScenarioDescriptor> byName = new(StringComparer.Ordinal);

    public IEnumerable<ScenarioDescriptor> All => byName.Values.OrderBy(d => d.Name, StringComparer.Ordinal);

    public ScenarioCatalog Register(ScenarioDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (!byName.TryAdd(descriptor.Name, descriptor))
        {
            throw new ArgumentException($"a scenario named '{descriptor.Name}' is already registered", nameof(descriptor));
        }

        return this;
    }

    public bool TryGet(string name, out ScenarioDescriptor descriptor) => byName.TryGetValue(name, out descriptor!);

    /// <summary>The closest known name (edit distance ≤ 3, or the same ignoring case), for "did you mean".</summary>
    public string? Suggest(string name) => NameSuggester.Closest(name, byName.Keys);
}
