using System.Net;
using TargetApi.Database;
using Xunit;

namespace TargetApi.Tests;

[Collection(SampleCollection.Name)]
public sealed class AuthTests(SampleFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Login_with_the_seeded_password_returns_tokens_that_open_the_profile()
    {
        var (response, body) = await Http.PostJsonAsync("/api/auth/login", new { email = "user3@example.test", password = SampleDatabase.UserPassword });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer", body.GetProperty("tokenType").GetString());
        Assert.Equal(900, body.GetProperty("expiresIn").GetInt32());
        var (profile, json) = await Http.GetJsonAsync("/api/profile", body.GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.Equal("user-3", json.GetProperty("slug").GetString());
        var sessions = await Db.ScalarAsync<long>(fixture.Database.OwnerConnectionString,
            "SELECT count(*) FROM user_sessions WHERE access_token_hash = $1 AND user_id = $2",
            SampleDatabase.TokenHash(body.GetProperty("accessToken").GetString()!), SampleDatabase.UserId(3));
        Assert.Equal(1, sessions);
    }

    [Theory]
    [InlineData("user3@example.test", "wrong password")]
    [InlineData("nobody@example.test", SampleDatabase.UserPassword)]
    public async Task Login_with_wrong_credentials_is_401(string email, string password)
    {
        var (response, body) = await Http.PostJsonAsync("/api/auth/login", new { email, password });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(401, body.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("{\"email\": \"user3@example.test\", ")]
    [InlineData("[1, 2]")]
    [InlineData("{\"email\": \"user3@example.test\"}")]
    [InlineData("{\"email\": 42, \"password\": \"x\"}")]
    [InlineData("null")]
    public async Task Login_with_bad_input_is_400_problem_details(string json)
    {
        var (response, body) = await Http.PostRawAsync("/api/auth/login", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(400, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Login_with_a_non_json_content_type_is_400()
    {
        var (response, _) = await Http.PostRawAsync("/api/auth/login", "email=a", contentType: "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Refresh_rotates_both_tokens()
    {
        var (_, login) = await Http.PostJsonAsync("/api/auth/login", new { email = "user4@example.test", password = SampleDatabase.UserPassword });
        var oldAccess = login.GetProperty("accessToken").GetString();
        var oldRefresh = login.GetProperty("refreshToken").GetString()!;

        var (response, body) = await Http.PostJsonAsync("/api/auth/refresh", new { refreshToken = oldRefresh });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var newAccess = body.GetProperty("accessToken").GetString();

        Assert.Equal(HttpStatusCode.OK, (await Http.GetJsonAsync("/api/profile", newAccess)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Http.GetJsonAsync("/api/profile", oldAccess)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Http.PostJsonAsync("/api/auth/refresh", new { refreshToken = oldRefresh })).Response.StatusCode);
    }

    [Fact]
    public async Task The_seeded_refresh_token_works_once()
    {
        var token = SampleDatabase.SeededRefreshToken(5);
        Assert.Equal(HttpStatusCode.OK, (await Http.PostJsonAsync("/api/auth/refresh", new { refreshToken = token })).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Http.PostJsonAsync("/api/auth/refresh", new { refreshToken = token })).Response.StatusCode);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"refreshToken\": ")]
    public async Task Refresh_with_bad_input_is_400(string json)
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.PostRawAsync("/api/auth/refresh", json)).Response.StatusCode);
    }

    [Fact]
    public async Task Missing_token_is_401_with_a_bearer_challenge()
    {
        var (response, _) = await Http.GetJsonAsync("/api/profile", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("/api/profile")]
    [InlineData("/api/notifications")]
    [InlineData("/api/business/api-keys")]
    [InlineData("/api/analytics/api-usage")]
    public async Task Unknown_token_is_401(string path)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Http.GetJsonAsync(path, "not-a-real-token")).Response.StatusCode);
    }

    [Fact]
    public async Task Expired_or_revoked_token_is_401()
    {
        await Db.ScalarAsync<int>(fixture.Database.OwnerConnectionString,
            """
            INSERT INTO user_sessions (user_id, access_token_hash, access_token_expires_at, refresh_token, refresh_token_expires_at)
            VALUES ($1, $2, now() - interval '1 minute', 'x', now() + interval '1 day') RETURNING 1
            """,
            SampleDatabase.UserId(6), SampleDatabase.TokenHash("expired-token-6"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await Http.GetJsonAsync("/api/profile", "expired-token-6")).Response.StatusCode);
        // Session 2 of every seeded user is revoked.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Http.GetJsonAsync("/api/profile", "seed-old-access-6")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetJsonAsync("/api/profile", SampleDatabase.SeededAccessToken(6))).Response.StatusCode);
    }
}
