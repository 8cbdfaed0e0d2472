using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Orchestrator.Dashboard.Hosting;

/// <summary>
/// Checks the token on every request when one is required: <c>Authorization: Bearer T</c>, <c>?token=T</c>
/// (which also sets an HttpOnly cookie, so the page's own fetches and its event stream carry it) or that cookie.
/// Anything else gets 401 before any endpoint runs.
/// </summary>
internal sealed class TokenGate(string token)
{
    public const string Cookie = "orchestrator_dashboard_token";

    private readonly byte[] _token = Encoding.UTF8.GetBytes(token);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var fromQuery = request.Query["token"].ToString();
        var header = request.Headers.Authorization.ToString();
        var candidate = fromQuery.Length > 0 ? fromQuery
            : header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..]
            : request.Cookies[Cookie] ?? string.Empty;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _token))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("401: this dashboard needs its token: open the URL it printed (…?token=…) or send Authorization: Bearer TOKEN\n");
            return;
        }

        if (fromQuery.Length > 0)
        {
            context.Response.Cookies.Append(Cookie, fromQuery, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
        }

        await next(context);
    }
}
