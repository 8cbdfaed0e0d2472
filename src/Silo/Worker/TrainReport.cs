using Orchestrator.Contracts;

namespace Orchestrator.Silo.Worker;

/// <summary>The outcome of a single training run.</summary>
internal sealed record RunSummary(
    string Status,
    int StopEpoch,
    string StopReason,
    double? TestAccuracy,
    double? TestLoss,
    int BestEpoch,
    int EpochsRun,
    double SecondsPerEpochTrain,
    double SecondsPerEpochTopology,
    double MedianSecondsMonitoringOnPath,
    int SpeculativeEpochs);

/// <summary>The JSON report of <c>orchestrator train</c>.</summary>
internal sealed record TrainReport(
    IReadOnlyDictionary<string, object?> Settings,
    string Data,
    string Device,
    int ConnectomeSize,
    IReadOnlyList<EpochRecord> Epochs,
    RunSummary Summary);
