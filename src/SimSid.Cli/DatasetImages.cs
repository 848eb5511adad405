using SimSid.Data.Datasets;
using SimSid.Torch.Training;
using Spectre.Console;

namespace SimSid.Cli;

/// <summary>Loads a dataset split for the network, reporting unreadable files instead of crashing.</summary>
internal static class DatasetImages
{
    /// <summary>Loads <paramref name="records"/> at <paramref name="size"/> px; skipped files are listed on the console.</summary>
    public static IReadOnlyList<LoadedRadiograph> Load(IReadOnlyList<RadiographRecord> records, int size, BadFilePolicy policy, string what)
    {
        var batch = RadiographBatchLoader.Load(records, size, policy);
        ReportSkipped(batch.Skipped, records.Count, what);
        return batch.Images;
    }

    /// <summary>
    /// Lists <paramref name="skipped"/> files (the first ten) on the console.
    /// </summary>
    /// <exception cref="InvalidDataException">Every one of the <paramref name="count"/> files was skipped.</exception>
    public static void ReportSkipped(IReadOnlyList<SkippedRadiograph> skipped, int count, string what)
    {
        if (skipped.Count > 0)
        {
            AnsiConsole.MarkupLine($"[yellow]Skipped {skipped.Count} unreadable {Markup.Escape(what)} image(s) (use --strict to stop instead):[/]");
            foreach (var file in skipped.Take(10))
                AnsiConsole.MarkupLine($"  [yellow]{Markup.Escape(file.Path)}: {Markup.Escape(file.Reason)}[/]");
            if (skipped.Count > 10) AnsiConsole.MarkupLine($"  [yellow]... and {skipped.Count - 10} more[/]");
        }
        if (count > 0 && skipped.Count == count)
            throw new InvalidDataException($"None of the {count} {what} images could be read; the first failure: {skipped[0].Path}: {skipped[0].Reason}");
    }

    /// <summary>
    /// The records of the training set the trainer composes by <paramref name="positiveRatio"/> from the dataset's
    /// labelled training records (at 1, its normal ones); unreadable images drop out when loaded.
    /// </summary>
    /// <exception cref="ArgumentException">The data cannot meet the ratio.</exception>
    public static IReadOnlyList<RadiographRecord> TrainingRecords(RadiographDataset dataset, double positiveRatio) =>
        TrainingSetComposition.Of([.. dataset.Training.Select(r => r.IsAbnormal)], positiveRatio).Take(dataset.Training);

    /// <summary>
    /// The training set (<see cref="TrainingRecords"/>) as pixels, for work beside a model (a baseline) that must see
    /// the same images; at most <paramref name="maxImages"/> of them, evenly spaced.
    /// </summary>
    public static IReadOnlyList<float[]> TrainingSet(RadiographDataset dataset, double positiveRatio, int size, BadFilePolicy policy, int maxImages = int.MaxValue) =>
        Pixels(Load(Sample(TrainingRecords(dataset, positiveRatio), maxImages), size, policy, "training"));

    /// <summary>At most <paramref name="maxRecords"/> of <paramref name="records"/>, evenly spaced through them (see <see cref="EvenlySpaced"/>).</summary>
    public static IReadOnlyList<RadiographRecord> Sample(IReadOnlyList<RadiographRecord> records, int maxRecords) =>
        records.Count <= maxRecords ? records : [.. EvenlySpaced.Indices(records.Count, maxRecords).Select(i => records[(int)i])];

    /// <summary>
    /// Decodes <paramref name="records"/> at <paramref name="size"/> px into an image cache of
    /// <paramref name="memoryBudgetBytes"/> (see <see cref="InChunks"/>); the label of each image kept goes to
    /// <paramref name="labels"/> when given.
    /// </summary>
    public static ImageCache Cache(IReadOnlyList<RadiographRecord> records, int size, BadFilePolicy policy, long memoryBudgetBytes, string what,
        List<bool>? labels = null) =>
        ImageCache.Filled(size, memoryBudgetBytes, cache => InChunks(records, size, policy, what, chunk =>
        {
            foreach (var image in chunk)
            {
                cache.Add(image.Pixels);
                labels?.Add(image.Record.IsAbnormal);
            }
        }));

    /// <summary>
    /// Decodes labelled <paramref name="records"/> (a validation split) at <paramref name="size"/> px into an image cache
    /// of <paramref name="memoryBudgetBytes"/>, with the labels of the images kept.
    /// </summary>
    public static CachedSplit CacheLabeled(IReadOnlyList<RadiographRecord> records, int size, BadFilePolicy policy, long memoryBudgetBytes, string what)
    {
        var labels = new List<bool>();
        var cache = Cache(records, size, policy, memoryBudgetBytes, what, labels);
        return new CachedSplit(cache, new LabeledImages(cache, labels));
    }

    /// <summary>
    /// Decodes <paramref name="records"/> at <paramref name="size"/> px a chunk of <see cref="ChunkSize"/> files at a time,
    /// each chunk in parallel, and hands each chunk's images to <paramref name="take"/>, in order: the decoded pixels of
    /// one chunk only are held at once, whatever the number of files. Skipped files are listed on the console at the end.
    /// More than one chunk shows its progress (<see cref="ProgressDisplay"/>): "Reading 5,000 training images", the
    /// images read so far; <paramref name="doing"/> and <paramref name="done"/> name other work done with each chunk
    /// ("Scoring", "scored").
    /// </summary>
    /// <exception cref="InvalidDataException">No file could be read.</exception>
    public static void InChunks(IReadOnlyList<RadiographRecord> records, int size, BadFilePolicy policy, string what,
        Action<IReadOnlyList<LoadedRadiograph>> take, string doing = "Reading", string done = "read")
    {
        var skipped = new List<SkippedRadiograph>();
        void Each(ProgressDisplay? progress)
        {
            for (int start = 0; start < records.Count; start += ChunkSize)
            {
                var batch = RadiographBatchLoader.Load([.. records.Skip(start).Take(ChunkSize)], size, policy);
                skipped.AddRange(batch.Skipped);
                take(batch.Images);
                progress?.Advance(batch.Images.Count + batch.Skipped.Count);
            }
        }

        if (records.Count > ChunkSize) ProgressDisplay.Run($"{doing} {records.Count:N0} {what} images", done, records.Count, Each);
        else Each(null);

        ReportSkipped(skipped, records.Count, what);
    }

    /// <summary>Files decoded at once by <see cref="InChunks"/>.</summary>
    public const int ChunkSize = 256;

    /// <summary>The pixels of loaded images.</summary>
    public static List<float[]> Pixels(IEnumerable<LoadedRadiograph> images) => images.Select(i => i.Pixels).ToList();

    /// <summary>The finding names of loaded images, where the data name them.</summary>
    public static List<string?> Findings(IEnumerable<LoadedRadiograph> images) => images.Select(i => i.Record.Finding).ToList();

    /// <summary>The labels of loaded images.</summary>
    public static List<bool> Labels(IEnumerable<LoadedRadiograph> images) => images.Select(i => i.Record.IsAbnormal).ToList();
}

/// <summary>A labelled split held in an image cache; disposing it deletes the cache's temporary file.</summary>
/// <param name="Cache">The images, 8-bit.</param>
/// <param name="Images">The same images with their labels.</param>
internal sealed record CachedSplit(ImageCache Cache, LabeledImages Images) : IDisposable
{
    /// <inheritdoc/>
    public void Dispose() => Cache.Dispose();
}
