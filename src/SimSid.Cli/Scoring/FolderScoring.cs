using SimSid.Cli.Reporting;
using SimSid.Data.Datasets;
using SimSid.Torch;
using Spectre.Console;

namespace SimSid.Cli.Scoring;

/// <summary>
/// Scores image files into a CSV in bounded batches: each batch is decoded (in parallel), scored, and its rows
/// appended as soon as it is scored, so memory does not grow with the number of images and an interrupted
/// run keeps its work.
/// </summary>
internal static class FolderScoring
{
    /// <summary>Where the rows go and how the inputs are taken.</summary>
    public sealed record Settings(string Csv, ScoreShard Shard, int BatchSize, bool Resume, string? HeatMaps, BadFilePolicy Policy, ScoringMode Mode);

    /// <summary>What a run did.</summary>
    public sealed record Result(int Scored, int Abnormal, double ImagesPerSecond, bool Resumed);

    public static Result Run(SimSidModel model, IReadOnlyList<string> inputs, Settings settings, CancellationToken cancellationToken)
    {
        // Batches are cut from the share before done images are left out, so that a resumed run scores every
        // remaining image in the batch it would have had without the interruption (scores can differ in their
        // last digits between batches of different content).
        var share = settings.Shard.Positions(inputs.Count).Chunk(settings.BatchSize).ToList();
        var done = settings.Resume && File.Exists(settings.Csv)
            ? ScoreCsv.Resume(settings.Csv, share.Select(chunk => (IReadOnlyList<string>)chunk.Select(i => inputs[i]).ToList()).ToList(), settings.Mode)
            : [];
        var positions = new Dictionary<RadiographRecord, int>(ReferenceEqualityComparer.Instance);
        var batches = share.Select(chunk => (IReadOnlyList<RadiographRecord>)chunk.Where(i => !done.Contains(inputs[i])).Select(i =>
        {
            var record = new RadiographRecord(inputs[i], false);
            positions[record] = i;
            return record;
        }).ToList()).Where(batch => batch.Count > 0).ToList();
        int total = positions.Count;

        if (settings.HeatMaps is not null) Directory.CreateDirectory(settings.HeatMaps);
        if (done.Count > 0) AnsiConsole.MarkupLine(Markup.Escape($"Resuming {settings.Csv}: {done.Count} images already scored."));
        else File.WriteAllText(settings.Csv, ScoreCsv.Header + "\n");

        if (total > 0) RememberedImages.DescribeFor(model, [settings.Mode]);
        var skipped = new List<SkippedRadiograph>();
        int scored = 0, abnormal = 0;
        double imagesPerSecond = ProgressDisplay.Run($"Scoring {total} images", "scored", total, display =>
        {
            using var csv = new StreamWriter(settings.Csv, append: true);
            foreach (var records in batches)
            {
                // Decoding waits while the network runs, not beside it: the network's kernels use every core, and
                // decoding the next batch beside them was slower (bench --folder on 2 cores: 0.74-0.87 of the
                // network's throughput, against 0.84-0.91 in turn).
                var batch = RadiographBatchLoader.Load(records, model.Options.InputSize, settings.Policy);
                var pixels = DatasetImages.Pixels(batch.Images);
                var detail = settings.HeatMaps is null ? null : model.ScoreInDetail(pixels, settings.Mode);
                var scores = detail?.Scores ?? model.Score(pixels, settings.Mode);
                csv.Write(ScoreCsv.Rows(batch.Images.Select(i => i.Record.Path).ToList(), scores, settings.Mode));
                csv.Flush();
                if (detail is not null) WriteHeatMaps(settings.HeatMaps!, batch, detail.AnomalyMaps, positions);
                skipped.AddRange(batch.Skipped);
                scored += scores.Length;
                abnormal += scores.Count(s => s.IsAnomalous);
                display.Advance(batch.Images.Count + batch.Skipped.Count);
                cancellationToken.ThrowIfCancellationRequested();
            }
            return display.ImagesPerSecond;
        });
        DatasetImages.ReportSkipped(skipped, total, "input");
        return new Result(scored, abnormal, imagesPerSecond, done.Count > 0);
    }

    // Heat maps are named by the image's position in the inputs, so that shards and resumed runs write distinct names.
    private static void WriteHeatMaps(string folder, RadiographBatch batch, float[][] maps, Dictionary<RadiographRecord, int> positions)
    {
        for (int i = 0; i < batch.Images.Count; i++)
        {
            var image = batch.Images[i];
            File.WriteAllBytes(Path.Combine(folder, $"{positions[image.Record]:D4}-{Path.GetFileNameWithoutExtension(image.Record.Path)}.png"),
                RadiographPng.HeatMap(image.Pixels, maps[i], batch.Size, maps[i].DefaultIfEmpty(0f).Max()));
        }
    }
}
