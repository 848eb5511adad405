using Microsoft.ML.Runtime;

namespace SimSid.MLNet.Training;

/// <summary>
/// A cancellation token that fires when the user's token does or when the host's MLContext is
/// cancelled (ML.NET does that internally, e.g. when an AutoML experiment runs out of time). ML.NET
/// offers no callback for the latter, so the host is polled.
/// </summary>
internal sealed class HostCancellation : IDisposable
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(200);

    private readonly CancellationTokenSource _source;
    private readonly Timer _timer;

    public HostCancellation(IHost host, CancellationToken userToken)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(userToken);
        _timer = new Timer(_ =>
        {
            if (host is ICancelable { IsCanceled: true })
                _source.Cancel();
        }, null, TimeSpan.Zero, s_pollInterval);
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        using var stopped = new ManualResetEvent(false);
        if (_timer.Dispose(stopped))
            stopped.WaitOne();
        _source.Dispose();
    }
}
