using System.Net;
using System.Net.Http.Headers;
using Orchestrator.Dashboard.Hosting;

namespace Orchestrator.Dashboard.Tests;

/// <summary>Binding beyond loopback needs a token, and with one every request is checked.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TokenRuleTests(ChromiumFixture chromium)
{
    private const string Token = "a-test-token-of-enough-length";

    [Fact]
    public async Task A_request_without_the_token_is_refused_and_one_with_it_is_served()
    {
        using var sweep = GeneratedSweep.Write("guarded", trials: 2, epochs: 3);
        await using var server = await DashboardLaunch.ForResultsAsync(sweep.Folder, DashboardBinding.From("127.0.0.1", 0, Token), TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = server.Url };
        var cancel = TestContext.Current.CancellationToken;

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("api/sweeps", cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("api/sweeps?token=wrong-token-of-enough-length", cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("static/vendor/plotly.min.js", cancel)).StatusCode);
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "api/sweeps");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(bearer, cancel)).StatusCode);
        var withQuery = await http.GetAsync("api/sweeps?token=" + Token, cancel);
        Assert.Equal(HttpStatusCode.OK, withQuery.StatusCode);
        Assert.Contains(withQuery.Headers.GetValues("Set-Cookie"), c => c.StartsWith(TokenGate.Cookie + "=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_browser_without_the_token_gets_401_and_the_printed_url_opens_every_page()
    {
        using var sweep = GeneratedSweep.Write("guarded-pages", trials: 2, epochs: 3);
        await using var server = await DashboardLaunch.ForResultsAsync(sweep.Folder, DashboardBinding.From("127.0.0.1", 0, Token), TestContext.Current.CancellationToken);
        var page = await (await chromium.Browser.NewContextAsync()).NewPageAsync();

        var refused = await page.GotoAsync(server.Url + "sweeps/guarded-pages");
        Assert.Equal(401, refused!.Status);

        await DashboardPagesTests.OpenAsync(page, server.OpenUrl);
        // The cookie set by ?token= carries the page's own fetches and the next pages.
        await DashboardPagesTests.OpenAsync(page, server.Url + "sweeps/guarded-pages");
        Assert.Equal(2, await page.Locator("#trials tbody tr").CountAsync());
    }

    [Fact]
    public void Binding_beyond_loopback_without_a_token_generates_one()
    {
        var binding = DashboardBinding.From("0.0.0.0", 0, null);

        Assert.NotNull(binding.Token);
        Assert.Equal(32, binding.Token.Length);
        Assert.Null(DashboardBinding.From(null, 0, null).Token);
        Assert.NotEqual(binding.Token, DashboardBinding.From("0.0.0.0", 0, null).Token);
    }

    [Theory]
    [InlineData("not-an-ip", 0, null, "--address")]
    [InlineData(null, 70000, null, "--port")]
    [InlineData(null, 0, "short", "--token")]
    public void Bad_binding_options_name_the_option(string? address, int port, string? token, string option)
    {
        var error = Assert.Throws<InputException>(() => DashboardBinding.From(address, port, token));
        Assert.StartsWith(option, error.Message, StringComparison.Ordinal);
    }
}
