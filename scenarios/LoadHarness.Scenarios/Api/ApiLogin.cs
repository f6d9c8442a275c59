using System.Text.Json;
using LoadHarness.Core.Scenarios;
using LoadHarness.Http;
using TargetApi.Database;

namespace LoadHarness.Scenarios.Api;

/// <summary>Logging in as a seeded user (POST /api/auth/login) and keeping the tokens in the VU's HTTP state.</summary>
internal static class ApiLogin
{
    public const string LoginUrl = "api/auth/login";
    public const string RefreshUrl = "api/auth/refresh";
    public const string RefreshTokenKey = "LoadHarness.Scenarios.RefreshToken";

    /// <summary>The login bodies of seeded users 1..<paramref name="users"/>, in order.</summary>
    public static string[] Bodies(int users) =>
        Enumerable.Range(1, users).Select(n => JsonObject(("email", SampleDatabase.UserEmail(n)), ("password", SampleDatabase.UserPassword))).ToArray();

    /// <summary>A JSON object of string properties, escaped as <see cref="JsonSerializer"/> escapes them (no reflection: the Native AOT build runs it).</summary>
    public static string JsonObject(params (string Name, string Value)[] properties)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in properties)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>For a VU init hook: logs in without recording; throws when the login fails (the VU's requests then answer 401).</summary>
    public static async Task LogInUnrecordedAsync(HttpTarget http, IScenarioContext context, string body)
    {
        var result = await http.PostJsonAsync(new UnrecordedContext(context), "login", LoginUrl, body, readBody: true).ConfigureAwait(false);
        Keep(context, result);
        if (HttpVuState.Of(context).BearerToken is null)
        {
            throw new InvalidOperationException($"login failed: {result}");
        }
    }

    /// <summary>Keeps the access and refresh tokens of a login or refresh answer (leaves them when it failed).</summary>
    public static void Keep(IScenarioContext context, HttpResult result)
    {
        if (!result.IsOk || result.JsonString("accessToken") is not { } access)
        {
            return;
        }

        HttpVuState.Of(context).BearerToken = access;
        context.Data[RefreshTokenKey] = result.JsonString("refreshToken");
    }
}
