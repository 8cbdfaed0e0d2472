using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Data.Models;

/// <summary>
/// A user's own network, named by a sweep file instead of a catalog name: a TorchScript file
/// (<see cref="TorchScript"/>) or a .NET plugin class (<see cref="Assembly"/> and <see cref="Type"/> with
/// constructor <see cref="Parameters"/>). Paths are absolute. Its canonical text (<see cref="ToString"/>) is what a
/// trial carries as its model, so each distinct file or parameter value is a distinct trial.
/// </summary>
public sealed record UserModelReference
{
    private const string TorchScriptPrefix = "torchscript:";
    private const string PluginPrefix = "plugin:";

    /// <summary>The connectome method a TorchScript model exports unless the sweep names another.</summary>
    public const string DefaultConnectomeMethod = "connectome";

    /// <summary>The TorchScript file, or null for a plugin.</summary>
    [JsonPropertyName("torchscript")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TorchScript { get; init; }

    /// <summary>The TorchScript model's method returning the hidden activations [batch, n].</summary>
    [JsonPropertyName("connectome")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Connectome { get; init; }

    /// <summary>The plugin assembly, or null for TorchScript.</summary>
    [JsonPropertyName("assembly")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Assembly { get; init; }

    /// <summary>The plugin's network type (full name).</summary>
    [JsonPropertyName("type")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Type { get; init; }

    /// <summary>The plugin's constructor arguments by parameter name, as invariant text.</summary>
    [JsonPropertyName("parameters")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SortedDictionary<string, string>? Parameters { get; init; }

    /// <summary>True for a TorchScript model.</summary>
    [JsonIgnore]
    public bool IsTorchScript => TorchScript is not null;

    /// <summary>The file the model is loaded from.</summary>
    [JsonIgnore]
    public string File => TorchScript ?? Assembly ?? string.Empty;

    /// <summary>A short name for tables: <c>net.pt</c>, or <c>WideNet(hidden=512)</c>.</summary>
    [JsonIgnore]
    public string DisplayName => IsTorchScript
        ? Path.GetFileName(TorchScript!)
        : $"{Type?.Split('.')[^1]}({string.Join(",", (Parameters ?? []).Select(p => $"{p.Key}={p.Value}"))})";

    /// <summary>True when <paramref name="text"/> is a user model's canonical text.</summary>
    public static bool IsReference(string text) =>
        text is not null && (text.StartsWith(TorchScriptPrefix, StringComparison.Ordinal) || text.StartsWith(PluginPrefix, StringComparison.Ordinal));

    /// <summary>Reads the canonical text written by <see cref="ToString"/>.</summary>
    /// <exception cref="FormatException">Not a user model's canonical text.</exception>
    public static UserModelReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var json = text.StartsWith(TorchScriptPrefix, StringComparison.Ordinal) ? text[TorchScriptPrefix.Length..]
            : text.StartsWith(PluginPrefix, StringComparison.Ordinal) ? text[PluginPrefix.Length..]
            : throw new FormatException($"'{text}' is not a user model reference (torchscript:{{...}} or plugin:{{...}}).");
        return JsonSerializer.Deserialize<UserModelReference>(json) ?? throw new FormatException($"'{text}' is empty.");
    }

    /// <summary>The canonical text: <c>torchscript:{"torchscript": "/abs/net.pt", "connectome": "connectome"}</c> or <c>plugin:{…}</c>.</summary>
    public override string ToString() => (IsTorchScript ? TorchScriptPrefix : PluginPrefix) + JsonSerializer.Serialize(this);
}
