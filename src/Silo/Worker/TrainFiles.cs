using Orchestrator.Data.Models;
using Orchestrator.Data.Numpy;
using Orchestrator.Data.Optimization;

namespace Orchestrator.Silo.Worker;

/// <summary>
/// The <c>train</c> verb's file arguments: <c>--dataset FILE.npz</c> and <c>--model FILE.pt</c> become the canonical
/// texts a trial carries (as a sweep file's <c>{"npz": …}</c> and <c>{"torchscript": …}</c> do), with absolute paths.
/// </summary>
internal static class TrainFiles
{
    public static bool IsNpz(string value) => value.EndsWith(".npz", StringComparison.OrdinalIgnoreCase);

    public static bool IsTorchScript(string value) => value.EndsWith(".pt", StringComparison.OrdinalIgnoreCase);

    public static bool IsSchedule(string value)
    {
        try
        {
            LearningRateSchedule.Parse(value);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static string DatasetText(string value) => IsNpz(value) ? NumpyDatasetFiles.FromArchive(Path.GetFullPath(value)).ToString() : value;

    public static string ModelText(string value) => IsTorchScript(value) ? new UserModelReference { TorchScript = Path.GetFullPath(value), Connectome = UserModelReference.DefaultConnectomeMethod }.ToString() : value;
}
