using System.Runtime.CompilerServices;
using SimSid.MLNet.Modeling;

namespace SimSid.MLNet.Tests.Support;

internal static class BackendRegistration
{
    /// <summary>
    /// Makes the stand-in backends loadable from model zips in every process that runs this assembly,
    /// as the real network is in every process that has SimSid.MLNet.
    /// </summary>
    [ModuleInitializer]
    internal static void RegisterTestBackends()
    {
        SimSidModelBackends.Register(new MeanImageBackend());
        SimSidModelBackends.Register(new UnreadableModelBackend());
    }
}
