using Microsoft.ML.Runtime;

namespace SimSid.MLNet.Training;

/// <summary>How SimSID words a long piece of work in an ML.NET log, in training and in a loaded model alike.</summary>
internal static class StageMessages
{
    /// <summary>Logs <paramref name="stage"/> (a sentence without its full stop) as work under way.</summary>
    public static void Stage(this IChannel channel, string stage) => channel.Info("SimSID: {0}...", stage);
}
