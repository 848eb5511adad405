using System.Diagnostics;
using SimSid.Cli.Scoring;
using SimSid.Data.Datasets;
using SimSid.Torch;

namespace SimSid.Cli.Benchmarks;

/// <summary>Scoring a folder as <c>simsid score</c> does (decode, score, write the CSV) against the network alone on decoded images.</summary>
/// <param name="Images">Images scored in each measurement.</param>
/// <param name="BatchSize">Images per batch, in both.</param>
/// <param name="ModelImagesPerSecond">SimSidModel.Score on images decoded beforehand.</param>
/// <param name="FolderImagesPerSecond">The streaming folder scorer, decoding included.</param>
public sealed record FolderThroughputResult(int Images, int BatchSize, double ModelImagesPerSecond, double FolderImagesPerSecond)
{
    /// <summary>The folder scorer's throughput as a fraction of the network's.</summary>
    public double Ratio => FolderImagesPerSecond / ModelImagesPerSecond;
}

/// <summary>Measures <see cref="FolderThroughputResult"/> for a trained model on the first images of a folder.</summary>
internal static class FolderThroughput
{
    public static FolderThroughputResult Run(SimSidModel model, string folder, int images, int batchSize)
    {
        var files = ImageFolder.ListImages(folder).Take(images).ToList();
        if (files.Count == 0) throw new DirectoryNotFoundException($"The folder \"{folder}\" holds no PNG or JPEG images to time scoring on.");
        var decoded = RadiographBatchLoader.Load(files.Select(f => new RadiographRecord(f, false)).ToList(), model.Options.InputSize, BadFilePolicy.Throw);
        var pixels = decoded.Images.Select(i => i.Pixels).ToList();
        model.Score(pixels.Take(batchSize).ToList()); // warm-up

        var clock = Stopwatch.StartNew();
        foreach (var batch in pixels.Chunk(batchSize)) model.Score(batch);
        double modelRate = pixels.Count / clock.Elapsed.TotalSeconds;

        string csv = Path.Combine(Path.GetTempPath(), $"simsid-bench-{Guid.NewGuid():N}.csv");
        try
        {
            var folderRun = FolderScoring.Run(model, files, new FolderScoring.Settings(csv, ScoreShard.Whole, batchSize, Resume: false, HeatMaps: null, BadFilePolicy.Throw), CancellationToken.None);
            return new FolderThroughputResult(files.Count, batchSize, modelRate, folderRun.ImagesPerSecond);
        }
        finally
        {
            File.Delete(csv);
        }
    }
}
