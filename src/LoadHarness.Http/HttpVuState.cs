using LoadHarness.Core.Scenarios;

namespace LoadHarness.Http;

/// <summary>
/// A virtual user's HTTP state, kept in <see cref="IScenarioContext.Data"/>: headers every request of the VU carries
/// (e.g. the bearer token its login returned), and the VU's reusable request buffers. Set it in the VU init hook:
/// <c>HttpVuState.Of(ctx).BearerToken = token</c>.
/// </summary>
public sealed class HttpVuState
{
    /// <summary>The key under which the state is stored in <see cref="IScenarioContext.Data"/>.</summary>
    public const string DataKey = "LoadHarness.Http.VuState";

    private readonly Stack<HttpExchange> exchanges = new();
    private KeyValuePair<string, string>[] headers = [];

    /// <summary>Changes whenever the headers change, so requests built for the VU are rebuilt.</summary>
    public int Version { get; private set; }

    /// <summary>The headers every request of this VU carries (a request's own header of the same name wins).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers => headers;

    /// <summary>Sets (or with null removes) <c>Authorization: Bearer ...</c>.</summary>
    public string? BearerToken
    {
        get => Find("Authorization") is { } value && value.StartsWith("Bearer ", StringComparison.Ordinal) ? value["Bearer ".Length..] : null;
        set => SetHeader("Authorization", value is null ? null : "Bearer " + value);
    }

    /// <summary>The VU's state, created on first use.</summary>
    public static HttpVuState Of(IScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.Data;
        if (data.TryGetValue(DataKey, out var value) && value is HttpVuState state)
        {
            return state;
        }

        state = new HttpVuState();
        data[DataKey] = state;
        return state;
    }

    /// <summary>Sets a header for every later request of this VU; null removes it.</summary>
    public void SetHeader(string name, string? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var kept = headers.Where(h => !h.Key.Equals(name, StringComparison.OrdinalIgnoreCase));
        headers = (value is null ? kept : kept.Append(new KeyValuePair<string, string>(name, value))).ToArray();
        Version++;
    }

    public void ClearHeaders()
    {
        headers = [];
        Version++;
    }

    /// <summary>The values of secret headers, so they can be removed from error messages.</summary>
    internal IEnumerable<string> SecretValues() =>
        headers.Where(h => SecretRedactor.IsSecretName(h.Key)).Select(h => h.Value);

    internal HttpExchange RentExchange()
    {
        lock (exchanges)
        {
            if (exchanges.TryPop(out var exchange))
            {
                return exchange;
            }
        }

        return new HttpExchange(this);
    }

    internal void Return(HttpExchange exchange)
    {
        lock (exchanges)
        {
            if (exchanges.Count < 8)
            {
                exchanges.Push(exchange);
            }
        }
    }

    private string? Find(string name)
    {
        foreach (var header in headers)
        {
            if (header.Key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value;
            }
        }

        return null;
    }
}
