using System.Text.Json;
using SimSid.Data.Datasets;
using SimSid.Torch;
using SimSid.Torch.Persistence;
using SimSid.Torch.Training;
using Spectre.Console;

namespace SimSid.Cli.Workflows;

/// <summary>What a training run needs.</summary>
/// <param name="Dataset">The data.</param>
/// <param name="Options">Every hyperparameter.</param>
/// <param name="OutputFolder">Where model.simsid, checkpoint.simsid and training.json go.</param>
/// <param name="Resume">Continue from the folder's checkpoint.</param>
/// <param name="UseValidation">Validate every epoch (best model kept, best-F1 threshold) when the data has a validation split.</param>
/// <param name="Policy">Unreadable images: skip or fail.</param>
/// <param name="ImageCacheBytes">The most memory the training images take (8-bit), and the validation images too; the rest wait in a temporary file.</param>
/// <param name="KeepSplits">
/// Validate on the validation split as it is, even when it is too small to choose a score on (see <see cref="ValidationTopUp"/>).
/// </param>
internal sealed record TrainRequest(RadiographDataset Dataset, SimSidOptions Options, string OutputFolder, bool Resume, bool UseValidation, BadFilePolicy Policy,
    long ImageCacheBytes = ImageCache.DefaultMemoryBudgetBytes, bool KeepSplits = false);

/// <summary>Trains a model on a dataset's training split and writes it with a resumable checkpoint.</summary>
internal static class TrainWorkflow
{
    public const string ModelFileName = "model.simsid";
    public const string CheckpointFileName = "checkpoint.simsid";

    /// <summary>What to tell the user when the kept model barely separates the validation images; null when it does.</summary>
    public static string? WeakModelWarning(SimSidModel model) =>
        model.ValidationAucs?.GetValueOrDefault(model.Options.Scoring.Mode) is double auc && auc < ScoringModes.WeakValidationAuc
            ? $"the model's validation ROC-AUC is {auc:F3} ({model.Options.Scoring.Mode.ShortName()} score): it barely tells normal from abnormal " +
              "validation images. Train longer or on more images, check that the validation split's labels are right, or try another --scoring mode."
            : null;

    /// <summary>What to tell the user when the scoring mode was chosen on too few validation images; null when it was not.</summary>
    public static string? UncertainChoiceWarning(SimSidModel model) => model.UncertainChoiceWarning is { } warning
        ? warning + " Give the data a larger validation split (50 or more images of each class) or abnormal training images, which train lends " +
          "the validation split (unless --keep-splits), or choose the mode yourself with --scoring."
        : null;

    /// <summary>Runs the training; returns the path of the model file.</summary>
    public static string Run(TrainRequest request, CancellationToken cancellationToken)
    {
        var o = request.Options;
        int size = o.InputSize;
        // A score chosen on a handful of validation images is partly chance: the split is topped up from training images first.
        var lent = ChoosesOnValidation(request) && !request.KeepSplits ? ValidationTopUp.Apply(request.Dataset, o.Training.PositiveRatio) : null;
        var dataset = lent?.Dataset ?? request.Dataset;
        // The trainer takes the composed set as it is; a ratio the data cannot meet fails here already.
        var records = DatasetImages.TrainingRecords(dataset, o.Training.PositiveRatio);
        int abnormals = records.Count(r => r.IsAbnormal);
        using var training = DatasetImages.Cache(records, size, request.Policy, request.ImageCacheBytes, "training");
        // A split of one class cannot give a ROC-AUC (to choose the epoch or the score on): the run does without it.
        string? oneClass = request.UseValidation ? OneClassValidation(dataset) : null;
        using var validationSplit = request.UseValidation && oneClass is null && dataset.Validation.Count > 0
            ? DatasetImages.CacheLabeled(dataset.Validation, size, request.Policy, request.ImageCacheBytes, "validation")
            : null;
        var validation = validationSplit?.Images;

        Directory.CreateDirectory(request.OutputFolder);
        string checkpoint = Path.Combine(request.OutputFolder, CheckpointFileName);
        if (request.Resume && !File.Exists(checkpoint))
            throw new FileNotFoundException($"--resume: there is no checkpoint {checkpoint} to resume from; train without --resume first.", checkpoint);
        if (lent?.Describe() is { } lending) AnsiConsole.MarkupLine(Markup.Escape(lending));
        if (oneClass is not null) AnsiConsole.MarkupLine(Markup.Escape(oneClass));
        AnsiConsole.MarkupLine(Markup.Escape(
            $"Training preset {o.Preset} ({(size == o.Network.ImageSize ? $"{size}x{size}" : $"{o.Network.ImageSize}x{o.Network.ImageSize} network, {size}x{size} memories")}) on {training.Count} images ({abnormals} abnormal by positive ratio {o.Training.PositiveRatio}{HeldOnDisk(training)}) " +
            $"for {o.Training.DescribeEpochs(training.Count)}, batch {o.Training.BatchSize}, learning rate {o.Training.LearningRate:G3}, on {o.Device}; scoring: " +
            (o.Scoring.ChooseModeOnValidation && validation is not null ? "the mode of the best validation AUC" : o.Scoring.Mode.Describe()) +
            (validation is null ? NoValidation(o, request) : $"; validating on {validation.Images.Count} images" +
                (o.Training.KeepBestValidationEpoch ? ", keeping the best epoch." : ", keeping the last epoch.")) +
            (request.Resume ? " Resuming from the checkpoint." : "")));

        SimSidModel model;
        try
        {
            model = TrainingDisplay.Run(progress =>
            {
                var run = new SimSidTrainer(o) { CheckpointPath = checkpoint, Progress = progress };
                return request.Resume ? run.Resume(checkpoint, training, validation, cancellationToken) : run.Fit(training, validation, cancellationToken);
            });
        }
        catch (ModelFileException e) when (request.Resume && ResumeHint(request, lent) is { } hint)
        {
            throw new ModelFileException($"{e.Message} {hint}", e);
        }
        catch (OperationCanceledException)
        {
            if (File.Exists(checkpoint))
                AnsiConsole.MarkupLine(Markup.Escape($"Stopped. The checkpoint {checkpoint} holds the last completed epoch; continue with the same command and --resume."));
            throw;
        }
        using (model)
        {
            string path = Path.Combine(request.OutputFolder, ModelFileName);
            model.Save(path);
            File.WriteAllText(Path.Combine(request.OutputFolder, "training.json"), JsonSerializer.Serialize(new
            {
                data = request.Dataset.Root,
                layout = request.Dataset.Layout.ToString(),
                trainingImages = training.Count,
                validationImages = validation?.Images.Count ?? 0,
                validationLent = lent?.Any == true ? new { normal = lent.Normal, abnormal = lent.Abnormal } : null,
                validationSkipped = oneClass,
                epochsTrained = model.EpochsTrained,
                scoringMode = model.Options.Scoring.Mode.ShortName(),
                validationAucs = model.ValidationAucs?.ToDictionary(a => a.Key.ShortName(), a => a.Value),
                networkAucsCrossFitted = model.CrossFittedNetworkAucs,
                warning = WeakModelWarning(model),
                choiceWarning = UncertainChoiceWarning(model),
                calibration = model.Calibration,
                threshold = model.Threshold?.ToString(),
                options = model.Options,
            }, new JsonSerializerOptions(ModelFile.JsonOptions) { WriteIndented = true }));
            AnsiConsole.MarkupLine(Markup.Escape($"Saved {path}; scoring: {model.Options.Scoring.Mode.ShortName()}; {model.Threshold}."));
            foreach (var warning in new[] { WeakModelWarning(model), UncertainChoiceWarning(model) }.OfType<string>())
                AnsiConsole.MarkupLine($"[yellow]Warning: {Markup.Escape(warning)}[/]");
            return path;
        }
    }

    /// <summary>
    /// Why a checkpoint may not fit this run's training set: lending normal training images to the validation split
    /// changes it, so a checkpoint trained with the other choice of --keep-splits (or by a version that did not lend)
    /// was trained on other images. Null when lending does not change the training set here.
    /// </summary>
    private static string? ResumeHint(TrainRequest request, LentImages? lent)
    {
        if (lent is { Normal: > 0 })
            return $"This run moved {lent.Normal} normal training images to the validation split (see above); if the checkpoint was trained on " +
                   "the splits as they are (with --keep-splits, or by a version of simsid that did not lend), resume with --keep-splits.";
        return request.KeepSplits && ChoosesOnValidation(request)
               && ValidationTopUp.Apply(request.Dataset, request.Options.Training.PositiveRatio).Normal > 0
            ? "With --keep-splits this run trains on every normal training image; if the checkpoint was trained without --keep-splits, resume without it."
            : null;
    }

    // The runs whose validation split chooses the score, and which therefore lend it training images unless told to keep the splits.
    private static bool ChoosesOnValidation(TrainRequest request) => request.UseValidation && request.Options.Scoring.ChooseModeOnValidation;

    /// <summary>Why the run does without the dataset's validation split, when it holds images of one class only; null when it does not.</summary>
    private static string? OneClassValidation(RadiographDataset dataset)
    {
        int abnormal = dataset.Validation.Count(r => r.IsAbnormal), normal = dataset.Validation.Count - abnormal;
        if (normal + abnormal == 0 || (normal > 0 && abnormal > 0)) return null;
        return $"The validation split holds {normal} normal and {abnormal} abnormal images: a validation ROC-AUC needs both, so this run " +
               "trains without validation. " + (abnormal == 0
                   ? "Add abnormal images to it, or abnormal training images, which train lends it when it chooses the score (the cpu recipe, without --keep-splits)."
                   : "Add normal images to it.");
    }

    private static string NoValidation(SimSidOptions options, TrainRequest request) =>
        !options.Scoring.ChooseModeOnValidation ? "; no validation."
        : request.UseValidation ? "; no validation split to choose it on (give the data a val folder of normal and abnormal images, or abnormal training images to lend)."
        : "; no validation (--no-validation).";

    private static string HeldOnDisk(ImageCache images) =>
        images.ImagesInMemory == images.Count ? ""
        : $"; {images.Count - images.ImagesInMemory} of them beyond the {images.MemoryBudgetBytes >> 20} MiB image cache, read from a temporary file";
}
