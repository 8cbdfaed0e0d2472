using System.Text.Json;
using Orchestrator.Search.Samplers;

namespace Orchestrator.Search.Tests;

/// <summary>
/// A coordinator that fails over rebuilds the history from what it persisted and asks again: the sampler
/// must answer as if nothing had happened, because it keeps no state of its own.
/// </summary>
public sealed class FailoverDeterminismTests
{
    [Theory]
    [InlineData("random")]
    [InlineData("tpe")]
    public void A_search_resumed_from_its_persisted_history_proposes_the_same_sequence(string samplerName)
    {
        const int Seed = 17;
        const int Trials = 30;
        const int FailOverAt = 14;
        var uninterrupted = SyntheticObjective.Search(SamplerCatalog.Default.Create(samplerName), Seed, Trials).Select(r => r.Configuration).ToList();

        // Up to the failover, the first coordinator's trials; then the history goes through storage (JSON).
        var history = StudyHistory.Empty(ObjectiveDirection.Minimize);
        foreach (var configuration in uninterrupted.Take(FailOverAt))
        {
            history = history.With(new TrialRecord(history.NextTrialNumber, configuration, TrialState.Completed, SyntheticObjective.Regret(configuration)));
        }

        var restored = Restore(Persist(history));
        Assert.Equal(history, restored);

        var successor = SamplerCatalog.Default.Create(samplerName);
        var resumed = uninterrupted.Take(FailOverAt).ToList();
        for (var i = FailOverAt; i < Trials; i++)
        {
            var next = successor.Propose(SearchSpaces.Mixed, Seed, restored)!;
            resumed.Add(next);
            restored = restored.With(new TrialRecord(restored.NextTrialNumber, next, TrialState.Completed, SyntheticObjective.Regret(next)));
        }

        Assert.Equal(uninterrupted, resumed);
    }

    [Fact]
    public void The_same_seed_and_history_give_the_same_proposal_with_running_and_pruned_trials_present()
    {
        var trials = SyntheticObjective.Search(new RandomSampler(), seed: 2, trials: 15)
            .Select((r, i) => i switch
            {
                3 => new TrialRecord(i, r.Configuration, TrialState.Pruned) { Reports = [new ObjectiveReport(1, r.Regret + 1)] },
                14 => new TrialRecord(i, r.Configuration, TrialState.Running) { Reports = [new ObjectiveReport(1, r.Regret)] },
                _ => new TrialRecord(i, r.Configuration, TrialState.Completed, r.Regret),
            })
            .ToList();
        var history = new StudyHistory(ObjectiveDirection.Minimize, trials);

        foreach (var descriptor in SamplerCatalog.Default.Descriptors.Where(d => !d.Incompatibilities(SearchSpaces.Mixed).Any()))
        {
            var first = descriptor.Create(new ComponentArguments(descriptor.Name, descriptor.Parameters, null)).Propose(SearchSpaces.Mixed, 23, history);
            var second = descriptor.Create(new ComponentArguments(descriptor.Name, descriptor.Parameters, null)).Propose(SearchSpaces.Mixed, 23, Restore(Persist(history)));
            Assert.Equal(first, second);
        }
    }

    private static string Persist(StudyHistory history) =>
        JsonSerializer.Serialize(history.Trials.Select(t => new PersistedTrial(
            t.Number,
            t.State.ToString(),
            t.Objective,
            t.Parameters.Values.ToDictionary(p => p.Key, p => p.Value.IsNumber ? JsonSerializer.SerializeToElement(p.Value.Number) : JsonSerializer.SerializeToElement(p.Value.Text)),
            [.. t.Reports.Select(r => new[] { r.Step, r.Value })])));

    private static StudyHistory Restore(string json) =>
        new(
            ObjectiveDirection.Minimize,
            [.. JsonSerializer.Deserialize<List<PersistedTrial>>(json)!.Select(p => new TrialRecord(
                p.Number,
                new Configuration(p.Parameters.Select(kv => new KeyValuePair<string, ParameterValue>(
                    kv.Key, kv.Value.ValueKind == JsonValueKind.Number ? ParameterValue.Of(kv.Value.GetDouble()) : ParameterValue.Of(kv.Value.GetString()!)))),
                Enum.Parse<TrialState>(p.State),
                p.Objective)
            {
                Reports = [.. p.Reports.Select(r => new ObjectiveReport((int)r[0], r[1]))],
            })]);

    private sealed record PersistedTrial(int Number, string State, double? Objective, Dictionary<string, JsonElement> Parameters, double[][] Reports);
}
