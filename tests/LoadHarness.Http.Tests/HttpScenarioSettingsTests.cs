using LoadHarness.Http.Scenarios;

namespace LoadHarness.Http.Tests;

public sealed class HttpScenarioSettingsTests
{
    private const string Path = "GlobalSettings.ScenariosSettings[0].Http";

    [Fact]
    public void Valid_settings_have_no_errors()
    {
        var settings = new HttpScenarioSettings
        {
            BaseUrl = "http://127.0.0.1:5080/api",
            Requests =
            [
                new() { Name = "login", Method = "post", Url = "/login", Body = "{}", Checks = ["status == 200", "has token: body contains token"], ReadBody = true },
                new() { Name = "profile", Url = "profile?x=1", Headers = { ["Accept"] = "application/json" }, ThinkTime = "500ms" },
                new() { Name = "health", Url = "https://example.test/health" },
            ],
        };

        Assert.Empty(settings.Validate(Path));
    }

    [Fact]
    public void Every_error_names_its_config_path_and_keeps_secrets_out()
    {
        var settings = new HttpScenarioSettings
        {
            BaseUrl = "ftp://files",
            ConnectTimeout = "soon",
            Requests =
            [
                new() { Name = "a", Method = "GTE", Url = "htp:/x" },
                new() { Name = "a", Url = "http://bob:pa55word@host/p?token=abc123&page=2", Checks = ["status = 200"] },
                new() { Name = "", Url = "has space", Headers = { ["Bad Name"] = "x", ["Authorization"] = "Bearer very-secret\nline" }, ContentType = "not a type", ThinkTime = "5 parsecs" },
            ],
        };

        var errors = settings.Validate(Path);

        Assert.Equal(
            [
                $"{Path}.BaseUrl: 'ftp://files' is not an absolute http(s) URL",
                $"{Path}.ConnectTimeout: 'soon' is not a duration",
                $"{Path}.Requests[0].Method: 'GTE' is not an HTTP method (did you mean GET?)",
                $"{Path}.Requests[0].Url: 'htp:/x' is not an absolute http(s) URL",
                $"{Path}.Requests[1].Name: 'a' is already the name of Requests[0]",
                $"{Path}.Requests[1].Checks[0]: check 'status = 200': expected an operator (==, !=, <, <=, >, >=) at position 7",
                $"{Path}.Requests[2].Name: a request needs a name (it is the step's name)",
                $"{Path}.Requests[2].Url: 'has space' is not a valid relative URL",
                $"{Path}.Requests[2].Headers: 'Bad Name' is not a valid header name",
                $"{Path}.Requests[2].Headers.Authorization: the value must be one line",
                $"{Path}.Requests[2].ContentType: 'not a type' is not a media type (e.g. application/json)",
                $"{Path}.Requests[2].ThinkTime: '5 parsecs' is not a duration",
            ],
            errors.Select(e => e.Contains("is not a duration", StringComparison.Ordinal) ? e[..(e.IndexOf("is not a duration", StringComparison.Ordinal) + 17)] : e));
        Assert.DoesNotContain(errors, e => e.Contains("pa55word", StringComparison.Ordinal) || e.Contains("very-secret", StringComparison.Ordinal) || e.Contains("abc123", StringComparison.Ordinal));
    }

    [Fact]
    public void No_requests_is_an_error()
    {
        Assert.Equal([$"{Path}.Requests: at least one request is needed (Name, Url; Method GET by default)"], new HttpScenarioSettings().Validate(Path));
    }

    [Fact]
    public void Relative_urls_without_any_base_fail_when_the_scenario_is_built()
    {
        var settings = new HttpScenarioSettings { Requests = [new() { Name = "a", Url = "/a" }] };

        var error = Assert.Throws<ArgumentException>(() => HttpScenarios.Create("http", settings, null));

        Assert.Contains("Http.BaseUrl: relative request URLs need BaseUrl or Target.ApiBaseUrl", error.Message, StringComparison.Ordinal);
    }
}
