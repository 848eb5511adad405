using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SimSid.Torch;

/// <summary>
/// Chooses libtorch's CPU convolution kernels before the first one runs. libtorch's oneDNN picks its kernels by the
/// processor's instruction set; SimSid.NET caps it at <see cref="DefaultMaxCpuIsa"/> (AVX-512's core instructions):
/// its float kernels, which train SimSID's presets a fifth to a third faster than AVX2's on an AMD EPYC Zen 5, without the
/// higher levels (VNNI, BF16, AMX), which add integer and 16-bit kernels SimSID does not use and which were not checked
/// here. Those AVX-512 kernels compute some convolutions' input gradients wrongly (checked against double precision:
/// wrong values or NaN, differing from run to run), which <see cref="Network.ChannelSafeConvolution"/> avoids; before
/// it, training the `tiny` preset diverged to NaN on Zen 5, and the cap was AVX2. A processor without AVX-512 runs
/// its AVX2 kernels whatever the cap. A cap the user set (<c>ONEDNN_MAX_CPU_ISA</c> or <c>DNNL_MAX_CPU_ISA</c>, such
/// as <c>AVX2</c>) is left as it is. libtorch's NNPACK convolutions are turned off before the first model computes
/// (<see cref="TurnOffNnpack"/>).
/// </summary>
public static class NativeKernels
{
    /// <summary>The oneDNN instruction-set cap SimSid.NET sets when the user has set none.</summary>
    public const string DefaultMaxCpuIsa = "AVX512_CORE";

    private static readonly string[] IsaVariables = ["ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA"];

    /// <summary>The cap in effect for this process: the user's, or <see cref="DefaultMaxCpuIsa"/>.</summary>
    public static string MaxCpuIsa { get; private set; } = DefaultMaxCpuIsa;

    /// <summary>
    /// The convolution kernels this process runs, in words, for reports of speed: the cap, and whether the processor has
    /// AVX-512 (without it oneDNN runs its AVX2 kernels whatever the cap).
    /// </summary>
    public static string Summary =>
        $"oneDNN, capped at {MaxCpuIsa}; the processor {(ProcessorHasAvx512 ? "has" : "lacks")} AVX-512";

    /// <summary>
    /// What to add to a report of NaN or infinite values: on a processor with AVX-512 and oneDNN allowed its kernels, how
    /// to rule those kernels out (they computed wrong gradients for some convolutions, see <see cref="Network.ChannelSafeConvolution"/>);
    /// otherwise nothing.
    /// </summary>
    internal static string DivergenceHint => HintFor(MaxCpuIsa, ProcessorHasAvx512);

    /// <summary>Whether oneDNN runs its AVX-512 kernels in this process: the processor has AVX-512 and the cap allows them.</summary>
    internal static bool RunsAvx512Kernels => RunsAvx512(MaxCpuIsa, ProcessorHasAvx512);

    private static bool ProcessorHasAvx512 => System.Runtime.Intrinsics.X86.Avx512F.IsSupported;

    private static bool RunsAvx512(string cap, bool processorHasAvx512) =>
        processorHasAvx512 && cap.StartsWith("AVX512", StringComparison.OrdinalIgnoreCase);

    internal static string HintFor(string cap, bool processorHasAvx512) =>
        RunsAvx512(cap, processorHasAvx512)
            ? $" oneDNN's AVX-512 kernels ran (cap {cap}), which have computed wrong gradients for some convolutions: to rule them out, train again with the environment variable ONEDNN_MAX_CPU_ISA=AVX2."
            : "";

    // Runs when the assembly loads, before any SimSid.Torch code can reach libtorch: oneDNN reads the
    // variable once, at its first kernel.
#pragma warning disable CA2255 // the point is to run before any caller can touch libtorch
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void CapInstructionSet()
    {
        foreach (var name in IsaVariables)
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } set)
            {
                MaxCpuIsa = set;
                return;
            }
        }
        // oneDNN reads the native environment; on Unix .NET keeps its own copy, so set both.
        Environment.SetEnvironmentVariable("DNNL_MAX_CPU_ISA", DefaultMaxCpuIsa);
        if (!OperatingSystem.IsWindows()) _ = setenv("DNNL_MAX_CPU_ISA", DefaultMaxCpuIsa, 1);
    }

    /// <summary>
    /// Turns libtorch's NNPACK convolutions off, once per process, before the first model computes. libtorch hands a
    /// convolution with a 1 x 1 kernel over fewer than 16 images to NNPACK when it runs on one thread without a gradient
    /// (scoring one image in a one-core container, or under <c>OMP_NUM_THREADS=1</c>); on a processor NNPACK does not
    /// support (seen on AMD EPYC family 1Ah, Zen 5) libtorch then prints "Could not initialize NNPACK! Reason:
    /// Unsupported hardware." at every such call, three lines per image scored. Without NNPACK libtorch computes them
    /// with its own kernel, as it does every such convolution on two threads or more. Needs libtorch's exported C++
    /// symbols (GCC's naming: Linux and macOS); elsewhere nothing changes.
    /// </summary>
    internal static void TurnOffNnpack() => _ = NnpackTurnedOff.Value;

    /// <summary>libtorch's NNPACK switch as it stands, or null where its symbols cannot be found.</summary>
    internal static bool? NnpackEnabled =>
        LibTorchContext.Value is { } context ? context.IsNnpackEnabled(context.Global()) != 0 : null;

    private static readonly Lazy<ContextFunctions?> LibTorchContext = new(ContextFunctions.Find);

    private static readonly Lazy<bool> NnpackTurnedOff = new(() =>
    {
        if (LibTorchContext.Value is not { } context) return false;
        context.SetNnpackEnabled(context.Global(), 0);
        return true;
    });

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr GlobalContext();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetFlag(IntPtr context, byte enabled);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate byte GetFlag(IntPtr context);

    /// <summary><c>at::globalContext()</c> and <c>at::Context</c>'s NNPACK switch, found in libtorch_cpu.</summary>
    private sealed record ContextFunctions(GlobalContext Global, SetFlag SetNnpackEnabled, GetFlag IsNnpackEnabled)
    {
        public static ContextFunctions? Find()
        {
            if (!NativeLibrary.TryLoad("torch_cpu", typeof(NativeKernels).Assembly, null, out var library)) return null;
            return NativeLibrary.TryGetExport(library, "_ZN2at13globalContextEv", out var global)
                && NativeLibrary.TryGetExport(library, "_ZN2at7Context20setUserEnabledNNPACKEb", out var set)
                && NativeLibrary.TryGetExport(library, "_ZNK2at7Context17userEnabledNNPACKEv", out var get)
                ? new ContextFunctions(Marshal.GetDelegateForFunctionPointer<GlobalContext>(global),
                    Marshal.GetDelegateForFunctionPointer<SetFlag>(set), Marshal.GetDelegateForFunctionPointer<GetFlag>(get))
                : null;
        }
    }

#pragma warning disable SYSLIB1054 // a one-off call at load time; no source-generated marshalling needed
    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int setenv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
#pragma warning restore SYSLIB1054
}
