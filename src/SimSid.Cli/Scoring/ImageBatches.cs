using System.Threading.Channels;
using SimSid.Data.Datasets;

namespace SimSid.Cli.Scoring;

/// <summary>
/// Decodes batches of image files ahead of the network: a background task loads the next batches (each
/// in parallel) while the caller scores the current one, holding at most <c>ahead</c> decoded batches.
/// </summary>
internal static class ImageBatches
{
    public static IEnumerable<RadiographBatch> Read(
        IReadOnlyList<IReadOnlyList<RadiographRecord>> batches, int size, BadFilePolicy policy, int ahead, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<RadiographBatch>(new BoundedChannelOptions(ahead) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var records in batches)
                    await channel.Writer.WriteAsync(RadiographBatchLoader.Load(records, size, policy), stop.Token);
                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                channel.Writer.Complete(e);
            }
        }, CancellationToken.None);
        try
        {
            while (true)
            {
                RadiographBatch batch;
                try
                {
                    if (!channel.Reader.WaitToReadAsync(cancellationToken).AsTask().GetAwaiter().GetResult()) break;
                    if (!channel.Reader.TryRead(out batch!)) continue;
                }
                catch (ChannelClosedException e) when (e.InnerException is not null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
                    throw;
                }
                yield return batch;
            }
        }
        finally
        {
            stop.Cancel();
            producer.Wait(CancellationToken.None);
        }
    }
}
