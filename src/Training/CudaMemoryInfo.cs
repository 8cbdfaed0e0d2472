using System.Runtime.InteropServices;

namespace Orchestrator.Training;

/// <summary>
/// Free and total memory of a CUDA device, read through the CUDA driver (<c>libcuda.so.1</c>, <c>cuMemGetInfo_v2</c>) in
/// the device's primary context, the one libtorch uses.
/// </summary>
/// <remarks>
/// Why the driver: TorchSharp 0.107 exposes no CUDA memory statistics (its native bridge exports only
/// <c>THSTorchCuda_is_available/device_count/synchronize</c> and the seeds; no <c>memory_allocated</c>, <c>mem_get_info</c>
/// or caching-allocator stats), and the CUDA runtime's soname differs between PyTorch builds (<c>libcudart.so.12</c>,
/// <c>.13</c>, or a hashed copy inside <c>torch/lib</c>), whereas every machine with a working NVIDIA driver has
/// <c>libcuda.so.1</c> with a stable, versioned C ABI. The reading covers the whole device (every process), which is what
/// admission needs: what is left for one more trial.
/// </remarks>
public static class CudaMemoryInfo
{
    private const string DriverLibrary = "libcuda.so.1";
    private static readonly Lock _gate = new();
    private static Driver? _driver;
    private static string? _loadError;

    private delegate int CuInit(uint flags);

    private delegate int CuDeviceGet(out int device, int ordinal);

    private delegate int CuDevicePrimaryCtxRetain(out IntPtr context, int device);

    private delegate int CuDevicePrimaryCtxRelease(int device);

    private delegate int CuCtxPushCurrent(IntPtr context);

    private delegate int CuCtxPopCurrent(out IntPtr context);

    private delegate int CuMemGetInfo(out nuint free, out nuint total);

    /// <summary>
    /// Reads device <paramref name="ordinal"/>'s memory (ordinals as CUDA numbers them, after <c>CUDA_VISIBLE_DEVICES</c>,
    /// as in <c>--gpus</c>); null when it cannot be read, with <paramref name="error"/> saying why and what to do.
    /// </summary>
    public static GpuMemory? TryRead(int ordinal, out string? error)
    {
        lock (_gate)
        {
            var driver = LoadDriver(out error);
            if (driver is null)
            {
                return null;
            }

            if (Check(driver.Init(0), "cuInit", out error) && Check(driver.DeviceGet(out var device, ordinal), $"cuDeviceGet({ordinal})", out error)
                && Check(driver.Retain(out var context, device), "cuDevicePrimaryCtxRetain", out error))
            {
                try
                {
                    if (!Check(driver.Push(context), "cuCtxPushCurrent", out error))
                    {
                        return null;
                    }

                    try
                    {
                        return Check(driver.MemGetInfo(out var free, out var total), "cuMemGetInfo", out error) ? new GpuMemory((long)free, (long)total) : null;
                    }
                    finally
                    {
                        driver.Pop(out _);
                    }
                }
                finally
                {
                    driver.Release(device);
                }
            }

            return null;
        }
    }

    private static bool Check(int result, string call, out string? error)
    {
        error = result == 0 ? null : $"{call} failed with CUDA driver error {result}; check the driver and that the GPU index is one CUDA lists (nvidia-smi).";
        return result == 0;
    }

    private static Driver? LoadDriver(out string? error)
    {
        error = _loadError;
        if (_driver is not null || _loadError is not null)
        {
            return _driver;
        }

        if (!NativeLibrary.TryLoad(DriverLibrary, out var handle))
        {
            _loadError = error = $"the CUDA driver library {DriverLibrary} is not installed (no NVIDIA driver): GPU memory cannot be read; run without --gpu-memory-margin, or on a machine with a GPU.";
            return null;
        }

        T Export<T>(string name)
            where T : Delegate => Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(handle, name));
        try
        {
            _driver = new Driver(
                Export<CuInit>("cuInit"),
                Export<CuDeviceGet>("cuDeviceGet"),
                Export<CuDevicePrimaryCtxRetain>("cuDevicePrimaryCtxRetain"),
                Export<CuDevicePrimaryCtxRelease>("cuDevicePrimaryCtxRelease_v2"),
                Export<CuCtxPushCurrent>("cuCtxPushCurrent_v2"),
                Export<CuCtxPopCurrent>("cuCtxPopCurrent_v2"),
                Export<CuMemGetInfo>("cuMemGetInfo_v2"));
        }
        catch (EntryPointNotFoundException ex)
        {
            _loadError = error = $"{DriverLibrary} lacks {ex.Message}: the NVIDIA driver is too old for memory admission (CUDA 11 or later needed).";
        }

        return _driver;
    }

    private sealed record Driver(
        CuInit Init,
        CuDeviceGet DeviceGet,
        CuDevicePrimaryCtxRetain Retain,
        CuDevicePrimaryCtxRelease Release,
        CuCtxPushCurrent Push,
        CuCtxPopCurrent Pop,
        CuMemGetInfo MemGetInfo);
}
