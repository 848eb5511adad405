using System.Runtime.CompilerServices;
using static TorchSharp.torch;

namespace SimSid.MLNet.Tests.Support;

internal static class TorchThreads
{
    /// <summary>
    /// The networks of these tests are tiny, so torch's thread pool buys nothing, while its threads
    /// spinning for cores that other tests (or other processes) hold slow the run several-fold. Every
    /// process running this assembly, the separate scoring process included, computes on one thread.
    /// </summary>
    [ModuleInitializer]
    internal static void UseOneThread() => set_num_threads(1);
}
