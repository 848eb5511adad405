using SimSid.Cli.Evaluation;
using SimSid.Cli.Reporting;
using SimSid.Cli.Scoring;
using SimSid.Data.Datasets;
using SimSid.MLNet.Baselines;
using SimSid.Torch.Evaluation;
using SimSid.Torch;
using Spectre.Console;

namespace SimSid.Cli.Workflows;

/// <summary>What an evaluation needs.</summary>
/// <param name="Model">The trained model.</param>
/// <param name="ModelPath">Where it came from (for the report).</param>
/// <param name="Dataset">The data: its test split is evaluated, its training split fits the baseline.</param>
/// <param name="OutputFolder">Where the report goes.</param>
/// <param name="Baseline">Also fit and report the pixel-PCA baseline.</param>
/// <param name="BaselineRank">The baseline's PCA rank.</param>
/// <param name="Policy">Unreadable images: skip or fail.</param>
internal sealed record EvaluateRequest(SimSidModel Model, string ModelPath, RadiographDataset Dataset, string OutputFolder, bool Baseline, int BaselineRank, BadFilePolicy Policy);

/// <summary>Evaluates a model on a test split beside the baseline and writes the report.</summary>
internal static class EvaluateWorkflow
{
    /// <summary>
    /// The scoring modes other than the model's own that it can score in (models saved before a mode existed
    /// hold no threshold or memory for it): the paper's, the reconstruction error, the patch and feature
    /// memories alone and together, the feature memory's mean alone and beside its most unusual place, the eval-mode discriminator.
    /// </summary>
    private static IEnumerable<ScoringMode> OtherModes(SimSidModel model) =>
        new[] { ScoringMode.Paper, ScoringMode.ReconstructionError, ScoringMode.PatchMemory, ScoringMode.FeatureMemory, ScoringMode.Memories,
                ScoringMode.FeatureMemoryMean, ScoringMode.FocalAndDiffuse, ScoringMode.DiscriminatorEvalMode }
            .Where(m => m != model.Options.Scoring.Mode && model.ThresholdFor(m) is not null && model.Calibration!.Supports(m)
                && model.AvailableModes.Contains(m));

    /// <summary>
    /// Runs the evaluation; returns the methods' results (SimSID first) and the report's path. The test split is
    /// read and scored a chunk of files at a time (<see cref="TestScores"/>); the report's example images are loaded
    /// again afterwards.
    /// </summary>
    public static (IReadOnlyList<MethodResult> Methods, string Report) Run(EvaluateRequest request)
    {
        var model = request.Model;
        if (!model.IsReady) throw new InvalidOperationException($"\"{request.ModelPath}\" is not a finished model (no calibration or threshold); finish its training first.");
        int size = model.Options.InputSize;
        var test = request.Dataset.Test;
        RequireBothClasses(test, request.Dataset);

        (PixelPcaBaseline Model, ThresholdSelection Threshold)? baseline = null;
        if (request.Baseline)
        {
            AnsiConsole.MarkupLine($"Fitting the pixel-PCA baseline on the training images (at most {TestEvaluation.BaselineTrainingImages:N0}, evenly spaced)...");
            var training = DatasetImages.TrainingSet(request.Dataset, model.Options.Training.PositiveRatio, size, request.Policy, TestEvaluation.BaselineTrainingImages);
            var validation = request.Dataset.Validation.Count > 0 ? DatasetImages.Load(request.Dataset.Validation, size, request.Policy, "validation") : null;
            baseline = TestEvaluation.FitBaseline(training, validation, request.BaselineRank, model.Options.Scoring.ThresholdQuantile);
        }
        // Every report shows SimSID's other scoring modes beside the model's own, the paper's first; which memories the
        // model has is known once they are built.
        RememberedImages.DescribeFor(model, ScoringModes.All);
        ScoringMode own = model.Options.Scoring.Mode;
        List<ScoringMode> modes = [own, .. OtherModes(model)];
        AnsiConsole.MarkupLine(Markup.Escape(
            $"Scoring {test.Count} test images ({test.Count(t => t.IsAbnormal)} abnormal) with SimSID's {own.Describe()}" +
            (modes.Count > 1 ? $", its {modes.Count - 1} other scores" : "") + (baseline is null ? "" : " and the baseline") + "..."));
        var scores = TestScores.Of(model, modes, baseline?.Model, test, request.Policy);
        RequireBothClasses(scores.Images, request.Dataset);

        var labels = scores.Labels;
        var methods = modes.Select(mode => TestEvaluation.Result(model, mode, scores.SimSid[mode], labels)).ToList();
        if (baseline is { } b) methods.Insert(1, TestEvaluation.BaselineResult(b.Model, b.Threshold, scores.Baseline!, labels, size));
        var examples = TestEvaluation.Examples(model, scores.Images, scores.SimSid[own]);
        var content = new ReportContent(
            "SimSID evaluation", $"{request.Dataset.Root} ({request.Dataset.Layout}), test split",
            $"{request.ModelPath}: {methods[0].Description}", labels, [.. scores.Images.Select(i => i.Finding)], methods, examples, size);
        var report = ReportWriter.Write(request.OutputFolder, content);
        MetricsTable.Write(content);
        AnsiConsole.MarkupLine($"Report: [bold]{Markup.Escape(Path.GetFullPath(report))}[/]");
        return (methods, report);
    }

    private static void RequireBothClasses(IReadOnlyList<RadiographRecord> images, RadiographDataset dataset)
    {
        if (images.Select(t => t.IsAbnormal).Distinct().Count() < 2)
            throw new InvalidDataException($"The test split of {dataset.Root} needs both normal and abnormal images to be evaluated.");
    }
}
