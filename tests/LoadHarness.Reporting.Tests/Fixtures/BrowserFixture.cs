using Microsoft.Playwright;

namespace LoadHarness.Reporting.Tests.Fixtures;

/// <summary>
/// One headless Chromium for the whole test run: Debian's chromium (LOADHARNESS_CHROMIUM or /usr/bin/chromium),
/// never a downloaded one, with the background networking that a closed machine would refuse turned off.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("LOADHARNESS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"Chromium not found at {ExecutablePath}: apt-get install chromium (test.sh does) or set LOADHARNESS_CHROMIUM");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
