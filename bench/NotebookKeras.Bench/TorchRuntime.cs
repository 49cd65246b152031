using TorchSharp;

namespace NotebookKeras.Bench;

/// <summary>Loads LibTorch and pins its thread pools, with a hint when the native library does not load.</summary>
internal static class TorchRuntime
{
    public static string Initialize(int threads)
    {
        try
        {
            torch.set_num_threads(threads);
            torch.set_num_interop_threads(threads);
            return $"TorchSharp {typeof(torch).Assembly.GetName().Version}, LibTorch {torch.__version__}";
        }
        catch (Exception e) when (e is NotSupportedException or DllNotFoundException or TypeInitializationException)
        {
            throw new InvalidOperationException(
                "TorchSharp's native library did not load. On Debian 12 the build patches it (see patch_libtorchsharp.py); " +
                "run through `dotnet run -c Release --project bench/NotebookKeras.Bench` so the build step runs.", e);
        }
    }
}
