using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orchestrator.Contracts;
using Orchestrator.Dashboard.Live;
using Orchestrator.Dashboard.Orleans;
using Orchestrator.Dashboard.Sources;
using Orchestrator.Dashboard.Views;

namespace Orchestrator.Dashboard.Hosting;

/// <summary>The routes: three pages, their static files, the JSON API and the Server-Sent Events stream.</summary>
internal static class DashboardEndpoints
{
    public static void MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => EmbeddedAssets.Serve("sweeps.html"));
        app.MapGet("/sweeps/{sweepId}", (string sweepId) => EmbeddedAssets.Serve("sweep.html"));
        app.MapGet("/sweeps/{sweepId}/trials/{trialId}", (string sweepId, string trialId) => EmbeddedAssets.Serve("trial.html"));
        app.MapGet("/static/{**name}", (string name) => EmbeddedAssets.Serve(name));

        app.MapGet("/api/info", (IDashboardSource source) => Results.Json(new { source.Live, source.ConnectomesKept, Orleans = source.Live ? OrleansGrainView.Path + "/" : null }, DashboardJson.Options));
        app.MapGet("/api/sweeps", async (IDashboardSource source, CancellationToken cancel) =>
            Results.Json((await source.SweepsAsync(cancel)).Select(s => SweepView.Of(s, source.Live, withTrials: false)), DashboardJson.Options));
        app.MapGet("/api/sweeps/{sweepId}", async (string sweepId, IDashboardSource source, CancellationToken cancel) =>
            await source.SweepAsync(sweepId, cancel) is { } sweep ? Results.Json(SweepView.Of(sweep, source.Live, withTrials: true), DashboardJson.Options) : UnknownSweep(sweepId));
        app.MapGet("/api/sweeps/{sweepId}/epochs", async (string sweepId, IDashboardSource source, CancellationToken cancel) =>
        {
            if (await source.SweepAsync(sweepId, cancel) is not { } sweep)
            {
                return UnknownSweep(sweepId);
            }

            var series = await Task.WhenAll(sweep.Trials.Select(async t => (t.Spec.Id, Epochs: (await source.EpochsAsync(t.Spec, cancel)).Select(EpochView.Of).ToList())));
            return Results.Json(series.ToDictionary(s => s.Id, s => s.Epochs), DashboardJson.Options);
        });
        app.MapGet("/api/sweeps/{sweepId}/trials/{trialId}", async (string sweepId, string trialId, IDashboardSource source, CancellationToken cancel) =>
        {
            if (await TrialAsync(source, sweepId, trialId, cancel) is not { } trial)
            {
                return UnknownTrial(sweepId, trialId);
            }

            var records = await source.EpochsAsync(trial.Spec, cancel);
            var band = ThresholdBandView.Of(trial.Spec.Stopping, records);
            return Results.Json(new { Trial = TrialView.Of(trial), trial.Spec.Stopping.Parameters, Epochs = records.Select(EpochView.Of).ToList(), Band = band, source.ConnectomesKept }, DashboardJson.Options);
        });
        app.MapGet("/api/sweeps/{sweepId}/trials/{trialId}/band", async (string sweepId, string trialId, IDashboardSource source, CancellationToken cancel) =>
            await TrialAsync(source, sweepId, trialId, cancel) is { } trial
                ? Results.Json(ThresholdBandView.Of(trial.Spec.Stopping, await source.EpochsAsync(trial.Spec, cancel)), DashboardJson.Options)
                : UnknownTrial(sweepId, trialId));
        app.MapGet("/api/sweeps/{sweepId}/trials/{trialId}/diagram/{epoch:int}", async (string sweepId, string trialId, int epoch, IDashboardSource source, CancellationToken cancel) =>
        {
            if (await TrialAsync(source, sweepId, trialId, cancel) is not { } trial)
            {
                return UnknownTrial(sweepId, trialId);
            }

            return await source.ConnectomeAsync(trial.Spec, epoch, cancel) is { } connectome
                ? Results.Json(EpochDiagramView.Of(epoch, connectome), DashboardJson.Options)
                : Results.NotFound(new { error = $"the connectome of epoch {epoch} is not kept; kept: {source.ConnectomesKept}" });
        });
        app.MapGet("/api/events", StreamAsync);
    }

    /// <summary>Server-Sent Events: every trial and epoch event of the sweep (or of all sweeps), until the browser leaves.</summary>
    private static async Task StreamAsync(HttpContext context, LiveEvents events, string? sweep)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        using var subscription = events.Subscribe(string.IsNullOrEmpty(sweep) ? null : sweep);
        var cancel = context.RequestAborted;
        await context.Response.WriteAsync(": connected\n\n", cancel);
        await context.Response.Body.FlushAsync(cancel);
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                heartbeat.CancelAfter(TimeSpan.FromSeconds(15));
                try
                {
                    await subscription.Reader.WaitToReadAsync(heartbeat.Token);
                }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    // Idle proxies close quiet connections: a comment line keeps this one open.
                    await context.Response.WriteAsync(": idle\n\n", cancel);
                    await context.Response.Body.FlushAsync(cancel);
                    continue;
                }

                while (subscription.Reader.TryRead(out var live))
                {
                    await context.Response.WriteAsync($"event: {live.Kind}\ndata: {live.Json}\n\n", cancel);
                }

                await context.Response.Body.FlushAsync(cancel);
            }
        }
        catch (OperationCanceledException)
        {
            // The browser left.
        }
    }

    private static async Task<TrialStatus?> TrialAsync(IDashboardSource source, string sweepId, string trialId, CancellationToken cancel) =>
        (await source.SweepAsync(sweepId, cancel))?.Trials.FirstOrDefault(t => t.Spec.Id == trialId);

    private static IResult UnknownSweep(string sweepId) => Results.NotFound(new { error = $"no sweep '{sweepId}' here; the sweeps page lists those there are" });

    private static IResult UnknownTrial(string sweepId, string trialId) => Results.NotFound(new { error = $"sweep '{sweepId}' has no trial '{trialId}'" });
}
