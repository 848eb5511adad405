using System.Collections.Concurrent;
using System.Text;
using SimSid.MLNet.Modeling;

namespace SimSid.MLNet.Tests.Support;

/// <summary>
/// A deliberately simple stand-in for the SimSID network, so the ML.NET plumbing can be tested on its
/// own: the "reconstruction" of every image is the mean training image, and the score is the mean
/// absolute difference to it.
/// </summary>
internal sealed class MeanImageModel : ISimSidModel
{
    private static readonly byte[] s_magic = Encoding.ASCII.GetBytes("MEANIMG1");

    private readonly float[] _mean;

    public MeanImageModel(float[] mean, int imageSize, float threshold)
    {
        _mean = mean;
        ImageSize = imageSize;
        Threshold = threshold;
    }

    public int ImageSize { get; }

    /// <summary>The mean of the training images.</summary>
    public IReadOnlyList<float> Mean => _mean;

    public float Threshold { get; }

    /// <summary>The size of every batch scored, in order.</summary>
    public ConcurrentQueue<int> ScoredBatchSizes { get; } = new();

    public bool Disposed { get; private set; }

    /// <summary>True when <see cref="Dispose"/> ran while a batch was being scored.</summary>
    public bool DisposedWhileScoring { get; private set; }

    /// <summary>When set, every <see cref="Score"/> call signals <see cref="ScoringStarted"/> and waits for this gate to open.</summary>
    public ManualResetEventSlim? ScoringGate { get; set; }

    /// <summary>Set when a <see cref="Score"/> call has started (and waits at <see cref="ScoringGate"/>).</summary>
    public ManualResetEventSlim ScoringStarted { get; } = new();

    private int _scoringCalls;

    public float ScoreOf(float[] image)
    {
        double sum = 0;
        for (int i = 0; i < image.Length; i++)
            sum += Math.Abs(image[i] - _mean[i]);
        return (float)(sum / image.Length);
    }

    public SimSidBatchScores Score(IReadOnlyList<float[]> images, bool withReconstructions)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        Interlocked.Increment(ref _scoringCalls);
        try
        {
            ScoringStarted.Set();
            ScoringGate?.Wait();
            ScoredBatchSizes.Enqueue(images.Count);
            var scores = images.Select(ScoreOf).ToArray();
            var reconstructions = withReconstructions ? images.Select(_ => (float[])_mean.Clone()).ToArray() : null;
            var maps = reconstructions?.Select((r, i) => images[i].Zip(r, (x, y) => Math.Abs(x - y)).ToArray()).ToArray();
            return new SimSidBatchScores(scores, scores.Select(s => s >= Threshold).ToArray(), reconstructions, maps);
        }
        finally
        {
            Interlocked.Decrement(ref _scoringCalls);
        }
    }

    public void Save(Stream destination)
    {
        using var writer = new BinaryWriter(destination, Encoding.UTF8, leaveOpen: true);
        writer.Write(s_magic);
        writer.Write(ImageSize);
        writer.Write(Threshold);
        foreach (float value in _mean)
            writer.Write(value);
    }

    public static MeanImageModel Load(Stream source)
    {
        using var reader = new BinaryReader(source, Encoding.UTF8, leaveOpen: true);
        if (!reader.ReadBytes(s_magic.Length).AsSpan().SequenceEqual(s_magic))
            throw new InvalidDataException("Not a mean-image model.");
        int size = reader.ReadInt32();
        float threshold = reader.ReadSingle();
        var mean = new float[size * size];
        for (int i = 0; i < mean.Length; i++)
            mean[i] = reader.ReadSingle();
        return new MeanImageModel(mean, size, threshold);
    }

    public void Dispose()
    {
        DisposedWhileScoring |= Volatile.Read(ref _scoringCalls) > 0;
        Disposed = true;
    }
}
