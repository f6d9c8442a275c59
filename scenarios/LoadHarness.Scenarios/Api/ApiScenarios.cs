using LoadHarness.Scenarios.Catalog;
using LoadHarness.Core.Scenarios;
using LoadHarness.Core.Scenarios.Feeds;
using LoadHarness.Http;
using LoadHarness.Http.Checks;

namespace LoadHarness.Scenarios.Api;

/// <summary>
/// The sample API under load as its users use it. <c>api_profile</c> is the seed's k6 script; each VU is its own seeded
/// user (VU n = user n+1, wrapping at <c>Users</c>) and logs in once, unrecorded, in its init hook.
/// </summary>
internal static class ApiScenarios
{
    public const string Profile = "api_profile";
    public const string UserJourney = "api_user_journey";
    public const string Business = "api_business";

    private static readonly IReadOnlyList<HttpCheck> ProfileChecks =
        HttpCheck.ParseAll("profile status 200: status == 200", "profile response time < 200ms: duration < 200ms");

    private static readonly IReadOnlyList<HttpCheck> Status200 = HttpCheck.ParseAll("status 200: status == 200");

    public static IEnumerable<ScenarioDescriptor> Descriptors() =>
    [
        new(Profile,
            "the seed's k6 script: GET /api/profile as a logged-in seeded user; checks 'profile status 200' and 'profile response time < 200ms'; think time 1 s. CustomSettings: Users",
            ScenarioRequirements.Api, context => BuildProfile(new ShippedScenarioSettings(Profile, context))),
        new(UserJourney,
            "login -> profile -> unread_count -> notifications -> mark_read -> work_timeline -> refresh, one step each. CustomSettings: Users",
            ScenarioRequirements.Api, context => ApiUserJourney.Build(new ShippedScenarioSettings(UserJourney, context))),
        new(Business,
            "a business owner: api_keys, webhooks, pin_verifications and api_usage (this month's analytics). CustomSettings: Businesses (default Users / 10)",
            ScenarioRequirements.Api, context => BuildBusiness(new ShippedScenarioSettings(Business, context))),
    ];

    private static ScenarioDefinition BuildProfile(ShippedScenarioSettings settings)
    {
        var http = HttpTarget.For(settings.ApiBaseUrl.ToString());
        var logins = DataFeed.PerVu(ApiLogin.Bodies(settings.Users));
        return Scenario.Create(Profile, async context =>
                (await http.GetAsync(context, "profile", "api/profile", ProfileChecks).ConfigureAwait(false)).Response)
            .WithVuInit(context => ApiLogin.LogInUnrecordedAsync(http, context, logins.Next(context)))
            .WithThinkTime(ShippedScenarioSettings.DefaultThinkTime);
    }

    private static ScenarioDefinition BuildBusiness(ShippedScenarioSettings settings)
    {
        var http = HttpTarget.For(settings.ApiBaseUrl.ToString());
        var logins = DataFeed.PerVu(ApiLogin.Bodies(settings.Businesses));
        return Scenario.Create(Business, async context =>
            {
                var outcome = new IterationOutcome();
                outcome.Add(await http.GetAsync(context, "api_keys", "api/business/api-keys", Status200).ConfigureAwait(false));
                outcome.Add(await http.GetAsync(context, "webhooks", "api/business/webhooks", Status200).ConfigureAwait(false));
                outcome.Add(await http.GetAsync(context, "pin_verifications", "api/analytics/pin-verifications", Status200).ConfigureAwait(false));
                outcome.Add(await http.GetAsync(context, "api_usage", "api/analytics/api-usage", Status200).ConfigureAwait(false));
                return outcome.Response;
            })
            .WithVuInit(context => ApiLogin.LogInUnrecordedAsync(http, context, logins.Next(context)))
            .WithThinkTime(ShippedScenarioSettings.DefaultThinkTime);
    }
}
