using System.Text.Json;

namespace Orchestrator.Dashboard;

/// <summary>The one JSON shape of the API and the events: camelCase, as the pages' JavaScript reads it.</summary>
internal static class DashboardJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
