using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace Orchestrator.Dashboard.Hosting;

/// <summary>The pages, scripts and the vendored plotly.js, served from the assembly's embedded resources.</summary>
internal static class EmbeddedAssets
{
    private static readonly Assembly Assembly = typeof(EmbeddedAssets).Assembly;

    public static IResult Serve(string name)
    {
        var stream = Assembly.GetManifestResourceStream("wwwroot/" + name);
        if (stream is null)
        {
            return name.StartsWith("vendor/", StringComparison.Ordinal)
                ? Results.Problem($"{name} was not vendored into this build: run scripts/vendor-web.sh and rebuild", statusCode: 500)
                : Results.NotFound();
        }

        var type = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => "application/octet-stream",
        };
        return Results.Stream(stream, type);
    }
}
