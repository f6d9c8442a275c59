using System.Text.Json;
using LoadHarness.Core.Scenarios;
using LoadHarness.Core.Scenarios.Feeds;
using LoadHarness.Http;
using LoadHarness.Http.Checks;

namespace LoadHarness.Scenarios.Api;

/// <summary>
/// <c>api_user_journey</c>: one user's visit, one step each: login, profile, unread_count, notifications (unread, newest
/// 20), mark_read (the newest unread one, or all when none is left), work_timeline, refresh (rotates the login's
/// refresh token). The VU is seeded user n+1; a failed login ends the iteration.
/// </summary>
internal static class ApiUserJourney
{
    private static readonly IReadOnlyList<HttpCheck> Status200 = HttpCheck.ParseAll("status 200: status == 200");

    public static ScenarioDefinition Build(ShippedScenarioSettings settings)
    {
        var http = HttpTarget.For(settings.ApiBaseUrl.ToString());
        var logins = DataFeed.PerVu(ApiLogin.Bodies(settings.Users));
        return Scenario.Create(ApiScenarios.UserJourney, context => RunAsync(http, context, logins.Next(context)))
            .WithThinkTime(ShippedScenarioSettings.DefaultThinkTime);
    }

    private static async Task<Response> RunAsync(HttpTarget http, IScenarioContext context, string loginBody)
    {
        var login = await http.PostJsonAsync(context, "login", ApiLogin.LoginUrl, loginBody, Status200, readBody: true).ConfigureAwait(false);
        if (!login.IsOk)
        {
            return login.Response;
        }

        ApiLogin.Keep(context, login);
        var outcome = new IterationOutcome();
        outcome.Add(await http.GetAsync(context, "profile", "api/profile", Status200).ConfigureAwait(false));
        outcome.Add(await http.GetAsync(context, "unread_count", "api/notifications/unread-count", Status200).ConfigureAwait(false));
        var list = await http.GetAsync(context, "notifications", "api/notifications?unread=true&limit=20", Status200, readBody: true).ConfigureAwait(false);
        outcome.Add(list);
        var markBody = NewestId(list) is { } id ? "{\"ids\":[\"" + id + "\"]}" : "{\"all\":true}";
        outcome.Add(await Post(http, context, "mark_read", "api/notifications/mark-read", markBody, readBody: false).ConfigureAwait(false));
        outcome.Add(await http.GetAsync(context, "work_timeline", "api/work-experiences", Status200).ConfigureAwait(false));
        var refreshToken = context.Data.TryGetValue(ApiLogin.RefreshTokenKey, out var token) ? token as string : null;
        var refresh = await Post(http, context, "refresh", ApiLogin.RefreshUrl,
            ApiLogin.JsonObject(("refreshToken", refreshToken ?? "")), readBody: true).ConfigureAwait(false);
        ApiLogin.Keep(context, refresh);
        outcome.Add(refresh);
        return outcome.Response;
    }

    /// <summary>A POST whose body changes every time: an uncached request description.</summary>
    private static ValueTask<HttpResult> Post(HttpTarget http, IScenarioContext context, string step, string url, string json, bool readBody) =>
        http.SendAsync(context, step, http.Request(HttpMethod.Post, url, body: json, contentType: "application/json", readBody: readBody), Status200);

    private static string? NewestId(HttpResult list)
    {
        if (!list.IsOk || string.IsNullOrEmpty(list.Body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(list.Body);
            return document.RootElement is { ValueKind: JsonValueKind.Array } items && items.GetArrayLength() > 0
                && items[0].TryGetProperty("id", out var id) ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
