using System.Diagnostics;

namespace SimSid.Torch.Benchmarks;

/// <summary>The latency of one call, as a service answering one request at a time sees it.</summary>
public static class SingleCalls
{
    /// <summary>
    /// The median duration in seconds of <paramref name="count"/> calls of <paramref name="call"/> (given the call's
    /// index), after <paramref name="warmUp"/> untimed ones, as the reference harness warms up its single images. One call
    /// lasts milliseconds, and a few of them meet the machine's hiccups: the median ignores those.
    /// </summary>
    public static double MedianSeconds(Action<int> call, int count = 32, int warmUp = 4)
    {
        for (int i = 0; i < warmUp; i++) call(i);
        var seconds = new double[count];
        var clock = new Stopwatch();
        for (int i = 0; i < count; i++)
        {
            clock.Restart();
            call(i);
            seconds[i] = clock.Elapsed.TotalSeconds;
        }
        Array.Sort(seconds);
        return seconds[count / 2];
    }
}
