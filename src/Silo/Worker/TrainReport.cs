namespace Orchestrator.Silo.Worker;

/// <summary>One epoch of a single training run, as written to the JSON report.</summary>
internal sealed record EpochRecord(
    int Epoch,
    double TrainingLoss,
    double? ValidationLoss,
    double? ValidationAccuracy,
    double? W0,
    double? W1,
    double? W,
    double SecondsTrain,
    double SecondsProbe,
    double SecondsConnectome,
    double SecondsDecomposition,
    double SecondsValidation,
    string Decision,
    double? DiagramDistance = null,
    double? NeuralPersistence = null,
    double SecondsDiagram = 0,
    double SecondsNeuralPersistence = 0);

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
    double SecondsPerEpochTopology);

/// <summary>The JSON report of <c>orchestrator train</c>.</summary>
internal sealed record TrainReport(
    IReadOnlyDictionary<string, object?> Settings,
    string Data,
    string Device,
    int ConnectomeSize,
    IReadOnlyList<EpochRecord> Epochs,
    RunSummary Summary);
