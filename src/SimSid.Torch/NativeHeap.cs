using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SimSid.Torch;

/// <summary>
/// Keeps libtorch's large tensors in glibc's heap from one training step to the next. glibc serves every
/// allocation above its largest mmap threshold (32 MB) with a fresh mapping and unmaps it on free, so a
/// configuration whose feature maps exceed that (the paper's: 16 x 32 x 128 x 128 floats are 33.5 MB)
/// page-faults its largest tensors in anew at every step. On 2 cores the <c>zhang</c> training step spent
/// more than a quarter of its time in the kernel that way. SimSid.NET therefore turns malloc's mmap use
/// off (<c>M_MMAP_MAX</c> = 0), lets the heap keep freed memory (<c>M_TRIM_THRESHOLD</c> 2 GB) and has every
/// thread allocate from the main heap (<c>M_ARENA_MAX</c> = 1): the
/// <c>zhang</c> step became 2.4 times faster (9.9 s to 4.2 s) at 9 % more peak memory, which the process
/// keeps until it exits. A thread that allocated before SimSid.Torch loaded keeps the arena it had (the CLI
/// trains on the main thread, which uses the main heap). Linux with glibc only. A user who set one of <see cref="UserVariables"/> keeps that
/// choice; <c>SIMSID_GLIBC_HEAP=default</c> leaves glibc as it is.
/// </summary>
public static class NativeHeap
{
    /// <summary>The environment variable that, set to "default", leaves glibc's allocator settings alone.</summary>
    public const string OptOutVariable = "SIMSID_GLIBC_HEAP";

    private const int MTrimThreshold = -1;
    private const int MMmapMax = -4;
    private const int MArenaMax = -8;

    /// <summary>glibc's variables for these settings: when the user set any of them, SimSid.NET sets none.</summary>
    public static IReadOnlyList<string> UserVariables { get; } = ["MALLOC_MMAP_MAX_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_ARENA_MAX"];

    /// <summary>True when this process runs with the settings above.</summary>
    public static bool KeepsLargeBlocks { get; private set; }

    // Runs when the assembly loads, before SimSid.Torch code allocates its first tensor.
#pragma warning disable CA2255 // the point is to run before any caller can allocate tensors
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void KeepLargeBlocks()
    {
        if (!OperatingSystem.IsLinux()) return;
        if (Environment.GetEnvironmentVariable(OptOutVariable) == "default") return;
        if (UserVariables.Any(v => Environment.GetEnvironmentVariable(v) is { Length: > 0 })) return;
        try
        {
            // One arena: a thread's own arena is a mapped heap of at most 64 MB that glibc unmaps as soon as it is
            // empty, so a large tensor allocated off the main thread would be mapped afresh all the same.
            KeepsLargeBlocks = mallopt(MMmapMax, 0) == 1 && mallopt(MTrimThreshold, int.MaxValue) == 1 && mallopt(MArenaMax, 1) == 1;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // Not glibc (musl has no mallopt): nothing to tune.
        }
    }

#pragma warning disable SYSLIB1054 // a one-off call at load time; no source-generated marshalling needed
    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int parameter, int value);
#pragma warning restore SYSLIB1054
}
