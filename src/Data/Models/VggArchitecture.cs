namespace Orchestrator.Data.Models;

/// <summary>
/// A small VGG-style CNN: three blocks of 3 × 3 convolutions and a 2 × 2 max-pool with
/// <paramref name="FirstBlockChannels"/>, twice and four times as many channels, then two fully connected
/// hidden layers (the connectome) and the classes. Convolutions per block come from the run's settings.
/// </summary>
/// <param name="FirstBlockChannels">Channels of the first block.</param>
/// <param name="FirstHidden">Units of the first fully connected hidden layer.</param>
/// <param name="SecondHidden">Units of the second fully connected hidden layer.</param>
public sealed record VggArchitecture(int FirstBlockChannels, int FirstHidden, int SecondHidden) : ModelArchitecture
{
    /// <inheritdoc />
    public override string Summary => $"VGG {FirstBlockChannels}-{FirstBlockChannels * 2}-{FirstBlockChannels * 4} channels, FC {FirstHidden}-{SecondHidden}";
}
