using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SimSid.Torch;

/// <summary>
/// Chooses libtorch's CPU convolution kernels before the first one runs. libtorch's oneDNN picks its
/// kernels by the processor's instruction set; its AVX-512 kernels return NaN or differing values from
/// run to run on some processors (seen on AMD EPYC family 1Ah, Zen 5: training the same seed twice
/// diverged to NaN in one of the two runs). SimSid.NET therefore caps oneDNN at AVX2, which every
/// x86-64 CPU of the last decade has, gives the same numbers on every run, and trained no slower on
/// the machines measured. A cap the user set (<c>ONEDNN_MAX_CPU_ISA</c> or <c>DNNL_MAX_CPU_ISA</c>)
/// is left as it is.
/// </summary>
public static class NativeKernels
{
    /// <summary>The oneDNN instruction-set cap SimSid.NET sets when the user has set none.</summary>
    public const string DefaultMaxCpuIsa = "AVX2";

    private static readonly string[] IsaVariables = ["ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA"];

    /// <summary>The cap in effect for this process: the user's, or <see cref="DefaultMaxCpuIsa"/>.</summary>
    public static string MaxCpuIsa { get; private set; } = DefaultMaxCpuIsa;

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

#pragma warning disable SYSLIB1054 // a one-off call at load time; no source-generated marshalling needed
    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int setenv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
#pragma warning restore SYSLIB1054
}
