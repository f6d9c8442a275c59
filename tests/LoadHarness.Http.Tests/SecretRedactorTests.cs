namespace LoadHarness.Http.Tests;

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("http://user:pw@host:5080/p", "http://***@host:5080/p")]
    [InlineData("https://host/p?access_token=abc&page=2", "https://host/p?access_token=***&page=2")]
    [InlineData("http://host/p?api_key=k1", "http://host/p?api_key=***")]
    [InlineData("http://host/plain", "http://host/plain")]
    [InlineData("/relative?x=1", "/relative?x=1")]
    public void Urls_lose_userinfo_and_secret_query_values(string url, string expected) =>
        Assert.Equal(expected, SecretRedactor.RedactUrl(url));

    [Theory]
    [InlineData("Authorization", "Bearer abc", "***")]
    [InlineData("X-Api-Key", "k", "***")]
    [InlineData("Cookie", "s=1", "***")]
    [InlineData("Accept", "application/json", "application/json")]
    public void Secret_headers_are_masked(string name, string value, string expected) =>
        Assert.Equal(expected, SecretRedactor.MaskHeader(name, value));

    [Fact]
    public void Text_loses_credentials_and_known_secrets()
    {
        var text = SecretRedactor.RedactText("failed http://a:b@h/x with Bearer eyJabc.def and sesame-1234", ["sesame-1234"]);

        Assert.Equal("failed http://***@h/x with Bearer *** and ***", text);
    }
}
