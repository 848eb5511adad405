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
    /// Every training image of <paramref name="dataset"/> with its label, normal then abnormal, loaded at
    /// <paramref name="size"/> px: what the trainer composes its training set from by the positive ratio.
    /// </summary>
    public static LabeledImages LoadTraining(RadiographDataset dataset, int size, BadFilePolicy policy) =>
        Labeled(Load(dataset.Training, size, policy, "training"));

    /// <summary>
    /// The training set the trainer composes by <paramref name="positiveRatio"/> from the dataset's labelled training
    /// images, for work beside a model (a baseline, calibrating imported weights) that must see the same images.
    /// </summary>
    public static IReadOnlyList<float[]> TrainingSet(RadiographDataset dataset, double positiveRatio, int size, BadFilePolicy policy)
    {
        var training = LoadTraining(dataset, size, policy);
        return TrainingSetComposition.Of(training.IsAbnormal, positiveRatio).Take(training.Images);
    }

    /// <summary>Loaded images with their labels, for validation during training and calibration.</summary>
    public static LabeledImages Labeled(IReadOnlyList<LoadedRadiograph> images) => new(Pixels(images), Labels(images));

    /// <summary>The pixels of loaded images.</summary>
    public static List<float[]> Pixels(IEnumerable<LoadedRadiograph> images) => images.Select(i => i.Pixels).ToList();

    /// <summary>The finding names of loaded images, where the data name them.</summary>
    public static List<string?> Findings(IEnumerable<LoadedRadiograph> images) => images.Select(i => i.Record.Finding).ToList();

    /// <summary>The labels of loaded images.</summary>
    public static List<bool> Labels(IEnumerable<LoadedRadiograph> images) => images.Select(i => i.Record.IsAbnormal).ToList();
}
