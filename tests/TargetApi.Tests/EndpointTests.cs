using System.Net;
using TargetApi.Database;
using Xunit;

namespace TargetApi.Tests;

/// <summary>Each endpoint's happy path and bad input. Each test uses its own seeded users (n = 10..99) via their seeded tokens.</summary>
[Collection(SampleCollection.Name)]
public sealed class EndpointTests(SampleFixture fixture)
{
    private HttpClient Http => fixture.Http;

    private string Owner => fixture.Database.OwnerConnectionString;

    private static string Token(int user) => SampleDatabase.SeededAccessToken(user);

    [Fact]
    public async Task Health_is_ok()
    {
        var (response, body) = await Http.GetJsonAsync("/health", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Profile_is_the_combined_profile_work_experience_and_unread_count()
    {
        var (response, body) = await Http.GetJsonAsync("/api/profile", Token(11));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SampleDatabase.UserId(11), body.GetProperty("userId").GetGuid());
        var experiences = await Db.ScalarAsync<long>(Owner, "SELECT count(*) FROM work_experiences WHERE user_id = $1", SampleDatabase.UserId(11));
        var unread = await Db.ScalarAsync<long>(Owner, "SELECT count(*) FROM notifications WHERE user_id = $1 AND NOT is_read", SampleDatabase.UserId(11));
        Assert.Equal(experiences, body.GetProperty("workExperiences").GetArrayLength());
        Assert.Equal(unread, body.GetProperty("unreadCount").GetInt64());
        Assert.InRange(unread, 1, 49);
    }

    [Fact]
    public async Task Public_profile_by_slug_shows_public_fields_only()
    {
        var (response, body) = await Http.GetJsonAsync("/api/profiles/" + SampleDatabase.ProfileSlug(12), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("User 12", body.GetProperty("displayName").GetString());
        Assert.False(body.TryGetProperty("bio", out _));
        Assert.False(body.TryGetProperty("userId", out _));
    }

    [Theory]
    [InlineData("user-15", HttpStatusCode.NotFound)]   // every fifth user's profile is private
    [InlineData("user-999999", HttpStatusCode.NotFound)]
    [InlineData("Not_A_Slug", HttpStatusCode.BadRequest)]
    public async Task Public_profile_misses(string slug, HttpStatusCode expected)
    {
        Assert.Equal(expected, (await Http.GetJsonAsync("/api/profiles/" + slug, null)).Response.StatusCode);
    }

    [Fact]
    public async Task Work_experience_timeline_is_newest_first()
    {
        var (response, body) = await Http.GetJsonAsync("/api/work-experiences", Token(13));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var starts = body.EnumerateArray().Select(e => e.GetProperty("startDate").GetString()!).ToList();
        Assert.NotEmpty(starts);
        Assert.Equal(starts.OrderDescending(StringComparer.Ordinal), starts);
    }

    [Fact]
    public async Task Work_experience_by_id_is_found_for_its_owner_and_404_for_anyone_else()
    {
        var (_, timeline) = await Http.GetJsonAsync("/api/work-experiences", Token(14));
        var id = timeline[0].GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.OK, (await Http.GetJsonAsync("/api/work-experiences/" + id, Token(14))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetJsonAsync("/api/work-experiences/" + id, Token(16))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetJsonAsync("/api/work-experiences/not-a-uuid", Token(14))).Response.StatusCode);
    }

    [Fact]
    public async Task Unread_notifications_are_unread_newest_first_and_limited()
    {
        var (response, body) = await Http.GetJsonAsync("/api/notifications?unread=true&limit=5", Token(17));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = body.EnumerateArray().ToList();
        Assert.InRange(items.Count, 1, 5);
        Assert.All(items, n => Assert.False(n.GetProperty("isRead").GetBoolean()));
        var created = items.Select(n => n.GetProperty("createdAt").GetDateTimeOffset()).ToList();
        Assert.Equal(created.OrderDescending(), created);
        var (_, all) = await Http.GetJsonAsync("/api/notifications", Token(17));
        Assert.Equal(20, all.GetArrayLength());
    }

    [Theory]
    [InlineData("limit=101")]
    [InlineData("limit=0")]
    [InlineData("limit=abc")]
    [InlineData("unread=maybe")]
    public async Task Notifications_with_bad_query_are_400(string query)
    {
        var (response, body) = await Http.GetJsonAsync("/api/notifications?" + query, Token(17));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Mark_read_by_ids_then_all_updates_the_unread_count()
    {
        var before = await UnreadCountAsync(18);
        var (_, unread) = await Http.GetJsonAsync("/api/notifications?unread=true&limit=2", Token(18));
        var ids = unread.EnumerateArray().Select(n => n.GetProperty("id").GetGuid()).ToArray();

        var (response, body) = await Http.PostJsonAsync("/api/notifications/mark-read", new { ids }, Token(18));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, body.GetProperty("marked").GetInt32());
        Assert.Equal(before - 2, await UnreadCountAsync(18));

        (response, body) = await Http.PostJsonAsync("/api/notifications/mark-read", new { all = true }, Token(18));
        Assert.Equal(before - 2, body.GetProperty("marked").GetInt32());
        Assert.Equal(0, await UnreadCountAsync(18));
    }

    [Fact]
    public async Task Mark_read_of_another_users_notifications_marks_nothing()
    {
        var before = await UnreadCountAsync(19);
        var (_, unread) = await Http.GetJsonAsync("/api/notifications?unread=true&limit=3", Token(19));
        var ids = unread.EnumerateArray().Select(n => n.GetProperty("id").GetGuid()).ToArray();

        var (_, body) = await Http.PostJsonAsync("/api/notifications/mark-read", new { ids }, Token(21));

        Assert.Equal(0, body.GetProperty("marked").GetInt32());
        Assert.Equal(before, await UnreadCountAsync(19));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"all\": true, \"ids\": [\"6c3874b9-fb22-1cbb-e145-d0f4eecd9f61\"]}")]
    [InlineData("{\"ids\": [\"not-a-uuid\"]}")]
    [InlineData("{\"all\": \"yes\"}")]
    [InlineData("{\"ids\": []}")]
    public async Task Mark_read_with_bad_body_is_400(string json)
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.PostRawAsync("/api/notifications/mark-read", json, Token(22))).Response.StatusCode);
    }

    [Fact]
    public async Task Business_owner_sees_active_api_keys_and_webhooks()
    {
        var (response, keys) = await Http.GetJsonAsync("/api/business/api-keys", Token(1));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SampleDatabase.BusinessId(1), keys.GetProperty("businessId").GetGuid());
        Assert.Equal(3, keys.GetProperty("apiKeys").GetArrayLength());
        Assert.DoesNotContain("key_hash", keys.GetRawText(), StringComparison.Ordinal);

        var (hooksResponse, hooks) = await Http.GetJsonAsync("/api/business/webhooks", Token(1));
        Assert.Equal(HttpStatusCode.OK, hooksResponse.StatusCode);
        Assert.Equal(2, hooks.GetProperty("webhooks").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/business/api-keys")]
    [InlineData("/api/business/webhooks")]
    [InlineData("/api/analytics/pin-verifications")]
    [InlineData("/api/analytics/api-usage")]
    public async Task A_user_without_a_business_gets_404(string path)
    {
        // Businesses are owned by user1 .. user{users/10}.
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetJsonAsync(path, Token(SampleFixture.Users))).Response.StatusCode);
    }

    [Fact]
    public async Task Pin_verification_stats_match_the_month()
    {
        var month = DateTime.UtcNow.AddMonths(-1);
        var from = new DateTime(month.Year, month.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var (response, body) = await Http.GetJsonAsync($"/api/analytics/pin-verifications?month={from:yyyy-MM}", Token(2));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = await Db.ScalarAsync<long>(Owner,
            "SELECT count(*) FROM pin_verifications WHERE business_id = $1 AND created_at >= $2 AND created_at < $3",
            SampleDatabase.BusinessId(2), from, from.AddMonths(1));
        Assert.True(expected > 0);
        Assert.Equal(expected, body.GetProperty("total").GetInt64());
        Assert.Equal(expected, body.GetProperty("byStatus").EnumerateObject().Sum(p => p.Value.GetInt64()));
    }

    [Fact]
    public async Task Api_usage_is_per_day_of_the_month()
    {
        var month = DateTime.UtcNow.AddMonths(-2);
        var from = new DateTime(month.Year, month.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var (response, body) = await Http.GetJsonAsync($"/api/analytics/api-usage?month={from:yyyy-MM}", Token(3));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = await Db.ScalarAsync<long>(Owner,
            "SELECT count(*) FROM api_usage_logs WHERE business_id = $1 AND created_at >= $2 AND created_at < $3",
            SampleDatabase.BusinessId(3), from, from.AddMonths(1));
        Assert.True(expected > 0);
        Assert.Equal(expected, body.GetProperty("days").EnumerateArray().Sum(d => d.GetProperty("requests").GetInt64()));
        Assert.Equal($"{from:yyyy-MM}", body.GetProperty("month").GetString());
    }

    [Theory]
    [InlineData("/api/analytics/api-usage?month=2024-13")]
    [InlineData("/api/analytics/api-usage?month=1999-12")]
    [InlineData("/api/analytics/pin-verifications?month=2024-1")]
    [InlineData("/api/analytics/pin-verifications?month=december")]
    public async Task Analytics_with_a_bad_month_is_400(string path)
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetJsonAsync(path, Token(1))).Response.StatusCode);
    }

    private async Task<long> UnreadCountAsync(int user)
    {
        var (response, body) = await Http.GetJsonAsync("/api/notifications/unread-count", Token(user));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return body.GetProperty("unreadCount").GetInt64();
    }
}
