using Microsoft.Playwright;

namespace Orchestrator.Dashboard.Tests;

/// <summary>
/// Debian's chromium, headless, driven by Playwright (which cannot download its own browsers here). One browser
/// per test run; each test opens its own context. Installed by <c>scripts/bootstrap.sh --with dashboard</c>.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public static readonly string ExecutablePath = Environment.GetEnvironmentVariable("ORCHESTRATOR_CHROMIUM") ?? "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"no chromium at {ExecutablePath}: run scripts/bootstrap.sh --with dashboard (Debian package chromium), or set ORCHESTRATOR_CHROMIUM");
        }

        _playwright = await Playwright.CreateAsync();
        // --no-sandbox: CI runs as root, where Chromium refuses its sandbox.
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "browser";
}
