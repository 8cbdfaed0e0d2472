using Orchestrator.Data;
using Orchestrator.Data.Models;
using static TorchSharp.torch;

namespace Orchestrator.Training.Models;

/// <summary>Builds the network a run's model text names: a catalog model, a TorchScript file or a .NET plugin.</summary>
public static class ModelFactory
{
    /// <summary>Samples in the batch a user model is checked with.</summary>
    public const int CheckBatch = 2;

    /// <summary>
    /// The network of <paramref name="settings"/> for <paramref name="data"/>. A user model is refused unless its file
    /// lies under a trusted directory, and is checked with one forward pass on the first items of the training data.
    /// </summary>
    /// <exception cref="ModelCheckException">A user model is untrusted, missing, or breaks the contract.</exception>
    public static ConnectomeNetwork Create(TrainingSettings settings, LabelledImages data)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(data);
        if (!UserModelReference.IsReference(settings.Model))
        {
            return ModelCatalog.Create(settings.Model, data.Channels, data.Height, data.Width, data.Classes, settings.WidthMultiplier, settings.ConvolutionsPerBlock);
        }

        var reference = UserModelReference.Parse(settings.Model);
        var field = reference.IsTorchScript ? "model.torchscript" : "model.assembly";
        if (TrustedPath.Problem(reference.File, settings.TrustedModelDirectories ?? TrustedPath.DefaultTrustedDirectories()) is { } problem)
        {
            throw new ModelCheckException($"{field}: {problem}");
        }

        if (!reference.IsTorchScript)
        {
            return PluginNetwork.Create(reference, data.ItemShape, data.Classes);
        }

        var count = Math.Min(CheckBatch, data.Count);
        using var sample = tensor(data.Pixels.AsSpan(0, count * data.ItemLength).ToArray(), [count, .. data.ItemShape.Select(d => (long)d)]);
        return TorchScriptNetwork.Load(reference, sample, data.Classes);
    }
}
