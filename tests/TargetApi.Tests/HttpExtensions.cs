using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace TargetApi.Tests;

internal static class HttpExtensions
{
    public static async Task<(HttpResponseMessage Response, JsonElement Body)> GetJsonAsync(this HttpClient http, string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await SendAsync(http, request);
    }

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> PostJsonAsync(this HttpClient http, string path, object body, string? token = null) =>
        await PostRawAsync(http, path, JsonSerializer.Serialize(body, JsonSerializerOptions.Web), token);

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> PostRawAsync(this HttpClient http, string path, string json, string? token = null,
        string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, contentType) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await SendAsync(http, request);
    }

    public static async Task<string> LoginAsync(this HttpClient http, int user)
    {
        var (response, body) = await http.PostJsonAsync("/api/auth/login",
            new { email = TargetApi.Database.SampleDatabase.UserEmail(user), password = TargetApi.Database.SampleDatabase.UserPassword });
        response.EnsureSuccessStatusCode();
        return body.GetProperty("accessToken").GetString()!;
    }

    private static async Task<(HttpResponseMessage, JsonElement)> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response, body);
    }

    public static JsonContent Json(object value) => JsonContent.Create(value);
}
