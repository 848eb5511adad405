using System.Diagnostics;
using SimSid.Cli.Scoring;
using SimSid.Data.Datasets;
using SimSid.Torch;

namespace SimSid.Cli.Benchmarks;

/// <summary>Scoring a folder as <c>simsid score</c> does (decode, score, write the CSV) against the network alone on decoded images.</summary>
/// <param name="Images">Images scored in each measurement.</param>
/// <param name="BatchSize">Images per batch, in both.</param>
/// <param name="ModelImagesPerSecond">SimSidModel.Score on images decoded beforehand, over every round.</param>
/// <param name="FolderImagesPerSecond">The streaming folder scorer, decoding included, over every round.</param>
/// <param name="RoundRatios">Each round's folder throughput over its network throughput, timed one after the other.</param>
public sealed record FolderThroughputResult(int Images, int BatchSize, double ModelImagesPerSecond, double FolderImagesPerSecond, IReadOnlyList<double> RoundRatios)
{
    /// <summary>
    /// The folder scorer's throughput as a fraction of the network's: the median of the rounds' ratios. The speed
    /// of a shared machine drifts by 10 % and more within a minute; within a round it falls on both alike.
    /// </summary>
    public double Ratio => RoundRatios.Order().ElementAt(RoundRatios.Count / 2);
}

/// <summary>Measures <see cref="FolderThroughputResult"/> for a trained model on the first images of a folder.</summary>
internal static class FolderThroughput
{
    /// <summary>Rounds of the network alone, then the folder scorer.</summary>
    public const int Rounds = 5;

    public static FolderThroughputResult Run(SimSidModel model, string folder, int images, int batchSize)
    {
        var files = ImageFolder.ListImages(folder).Take(images).ToList();
        if (files.Count == 0) throw new DirectoryNotFoundException($"The folder \"{folder}\" holds no PNG or JPEG images to time scoring on.");
        var decoded = RadiographBatchLoader.Load(files.Select(f => new RadiographRecord(f, false)).ToList(), model.Options.InputSize, BadFilePolicy.Throw);
        var pixels = decoded.Images.Select(i => i.Pixels).ToList();
        model.Score(pixels.Take(batchSize).ToList()); // warm-up

        double modelSeconds = 0, folderSeconds = 0;
        var ratios = new List<double>();
        string csv = Path.Combine(Path.GetTempPath(), $"simsid-bench-{Guid.NewGuid():N}.csv");
        try
        {
            for (int round = 0; round < Rounds; round++)
            {
                var clock = Stopwatch.StartNew();
                foreach (var batch in pixels.Chunk(batchSize)) model.Score(batch);
                double modelRoundSeconds = clock.Elapsed.TotalSeconds;
                var folderRun = FolderScoring.Run(model, files, new FolderScoring.Settings(csv, ScoreShard.Whole, batchSize, Resume: false, HeatMaps: null, BadFilePolicy.Throw, model.Options.Scoring.Mode), CancellationToken.None);
                modelSeconds += modelRoundSeconds;
                folderSeconds += files.Count / folderRun.ImagesPerSecond;
                ratios.Add(folderRun.ImagesPerSecond / (pixels.Count / modelRoundSeconds));
            }

            return new FolderThroughputResult(files.Count, batchSize, Rounds * pixels.Count / modelSeconds, Rounds * files.Count / folderSeconds, ratios);
        }
        finally
        {
            File.Delete(csv);
        }
    }
}
