using System.Runtime.InteropServices;
using Orchestrator.Data;
using TorchSharp;

namespace Orchestrator.Training;

/// <summary>
/// Process-wide TorchSharp setup: the device (CPU, or CUDA through an existing libtorch that is
/// loaded explicitly before TorchSharp's first use) and the number of CPU threads.
/// </summary>
/// <remarks>Verified on an H100 with PyTorch 2.11's libtorch by <c>scripts/gpu-check/run.sh</c> (results in <c>src/Training/README.md</c>).</remarks>
public static class TorchRuntime
{
    /// <summary>Environment variable naming a CUDA-enabled libtorch directory (e.g. a PyTorch install's <c>torch/lib</c>).</summary>
    public const string LibTorchDirectoryVariable = "ORCHESTRATOR_LIBTORCH_DIR";

    /// <summary>Environment variable overriding the number of torch CPU threads.</summary>
    public const string ThreadsVariable = "ORCHESTRATOR_TORCH_THREADS";

    /// <summary>How to find a libtorch directory, for error messages.</summary>
    public const string LibTorchHint =
        "set " + LibTorchDirectoryVariable + " (or --libtorch) to a CUDA-enabled libtorch directory, e.g. the output of: python3 -c \"import torch,os;print(os.path.dirname(torch.__file__)+'/lib')\"";

    private static readonly string[] _cudaLibraries = ["libc10.so", "libtorch_cpu.so", "libc10_cuda.so", "libtorch_cuda.so", "libtorch.so"];
    private static readonly Lock _gate = new();
    private static bool _cudaLoaded;
    private static bool _threadsSet;

    /// <summary>
    /// Resolves <c>cpu</c>, <c>cuda</c> or <c>auto</c> to a device. <c>cuda</c> loads libtorch from
    /// <paramref name="libTorchDirectory"/> (or <see cref="LibTorchDirectoryVariable"/>) and fails with
    /// instructions when none is named or CUDA is unusable; <c>auto</c> falls back to the CPU.
    /// </summary>
    /// <exception cref="InvalidOperationException">CUDA was asked for and is not usable; the message says how to fix it.</exception>
    public static torch.Device ResolveDevice(string device, string? libTorchDirectory = null) =>
        ResolveDevice(device, libTorchDirectory, null, out _);

    /// <summary>
    /// As <see cref="ResolveDevice(string, string?)"/>, on CUDA device <paramref name="cudaIndex"/> when given
    /// (it must exist). When <c>auto</c> falls back to the CPU, <paramref name="cudaUnavailableReason"/> says
    /// why, so a user who expected the GPU learns it at the start of the run.
    /// </summary>
    /// <exception cref="InvalidOperationException">CUDA was asked for and is not usable, or has no device <paramref name="cudaIndex"/>; the message says how to fix it.</exception>
    public static torch.Device ResolveDevice(string device, string? libTorchDirectory, int? cudaIndex, out string? cudaUnavailableReason)
    {
        cudaUnavailableReason = null;
        switch (device)
        {
            case TrainingDevices.Cpu:
                ConfigureThreads();
                return torch.CPU;
            case TrainingDevices.Cuda:
            case TrainingDevices.Auto:
                var error = TryEnableCuda(libTorchDirectory);
                if (error is null)
                {
                    return cudaIndex is { } index ? CudaDevice(index) : torch.CUDA;
                }

                if (device == TrainingDevices.Auto)
                {
                    cudaUnavailableReason = error;
                    ConfigureThreads();
                    return torch.CPU;
                }

                throw new InvalidOperationException($"--device cuda: {error}");
            default:
                throw new ArgumentException($"device '{device}' is not one of cpu, cuda, auto.", nameof(device));
        }
    }

    /// <summary>
    /// Sets torch's intra-op threads once: <see cref="ThreadsVariable"/>, else half the logical
    /// processors (at least 1). Batch-50 MLP steps gain little from more threads, OpenMP spin-waiting
    /// collapses on an oversubscribed machine (measured: 2 threads on a loaded 2-core box ran 15×
    /// slower than 1), and a silo runs several trainings side by side.
    /// </summary>
    public static void ConfigureThreads()
    {
        lock (_gate)
        {
            if (_threadsSet)
            {
                return;
            }

            var threads = int.TryParse(Environment.GetEnvironmentVariable(ThreadsVariable), out var t) && t > 0 ? t : Math.Max(1, Environment.ProcessorCount / 2);
            torch.set_num_threads(threads);
            _threadsSet = true;
        }
    }

    /// <summary>
    /// Checks that CUDA is usable and that every index in <paramref name="gpus"/> exists, so a silo given a
    /// GPU list refuses to start instead of failing its trials one by one. Null when all is well, else
    /// the reason and the fix.
    /// </summary>
    public static string? CheckGpus(IReadOnlyCollection<int> gpus, string? libTorchDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(gpus);
        return TryEnableCuda(libTorchDirectory) ?? gpus.Select(MissingGpu).FirstOrDefault(reason => reason is not null);
    }

    private static torch.Device CudaDevice(int index) =>
        MissingGpu(index) is { } reason ? throw new InvalidOperationException(reason) : new torch.Device(DeviceType.CUDA, index);

    /// <summary>Null when CUDA device <paramref name="index"/> exists (CUDA must be enabled), else why not and the fix.</summary>
    private static string? MissingGpu(int index)
    {
        var count = torch.cuda.device_count();
        return index >= 0 && index < count
            ? null
            : $"GPU {index} does not exist: this machine has {count} CUDA device(s), numbered 0 to {count - 1}; fix the silo's --gpus list.";
    }

    /// <summary>Loads CUDA from <paramref name="directory"/> or, when null, <see cref="LibTorchDirectoryVariable"/>; null on success, else why not and the fix.</summary>
    private static string? TryEnableCuda(string? directory)
    {
        directory ??= Environment.GetEnvironmentVariable(LibTorchDirectoryVariable);
        lock (_gate)
        {
            if (!_cudaLoaded)
            {
                if (string.IsNullOrWhiteSpace(directory))
                {
                    return "no CUDA libtorch is configured; " + LibTorchHint + ".";
                }

                if (!Directory.Exists(directory))
                {
                    return $"libtorch directory '{directory}' does not exist; " + LibTorchHint + ".";
                }

                foreach (var library in _cudaLibraries)
                {
                    var path = Path.Combine(directory, library);
                    if (!NativeLibrary.TryLoad(path, out _))
                    {
                        return $"could not load {path} (missing, or not a CUDA build of libtorch); " + LibTorchHint + ".";
                    }
                }

                var bridge = FindLibTorchSharp();
                if (bridge is null || !NativeLibrary.TryLoad(bridge, out _))
                {
                    return "could not find TorchSharp's libLibTorchSharp.so next to the application.";
                }

                _cudaLoaded = true;
            }

            try
            {
                torch.InitializeDeviceType(DeviceType.CUDA);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                return $"TorchSharp could not initialise CUDA ({ex.Message}); check the driver and that the libtorch in the configured directory matches TorchSharp's libtorch 2.10.";
            }

            return torch.cuda.is_available() ? null : "libtorch loaded but reports no CUDA device (driver or GPU missing).";
        }
    }

    private static string? FindLibTorchSharp()
    {
        var baseDirectory = AppContext.BaseDirectory;
        foreach (var candidate in new[]
                 {
                     Path.Combine(baseDirectory, "libLibTorchSharp.so"),
                     Path.Combine(baseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"),
                 })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
