using SimSid.Cli.Evaluation;
using SimSid.Cli.Reporting;
using SimSid.Data.Datasets;
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
    /// memories, the eval-mode discriminator.
    /// </summary>
    private static IEnumerable<ScoringMode> OtherModes(SimSidModel model) =>
        new[] { ScoringMode.Paper, ScoringMode.ReconstructionError, ScoringMode.PatchMemory, ScoringMode.FeatureMemory, ScoringMode.DiscriminatorEvalMode }
            .Where(m => m != model.Options.Scoring.Mode && model.ThresholdFor(m) is not null && model.Calibration!.Supports(m)
                && model.AvailableModes.Contains(m));

    /// <summary>Runs the evaluation; returns the methods' results (SimSID first) and the report's path.</summary>
    public static (IReadOnlyList<MethodResult> Methods, string Report) Run(EvaluateRequest request)
    {
        var model = request.Model;
        if (!model.IsReady) throw new InvalidOperationException($"\"{request.ModelPath}\" is not a finished model (no calibration or threshold); finish its training first.");
        int size = model.Options.InputSize;
        var test = DatasetImages.Load(request.Dataset.Test, size, request.Policy, "test");
        if (test.Select(t => t.Record.IsAbnormal).Distinct().Count() < 2)
            throw new InvalidDataException($"The test split of {request.Dataset.Root} needs both normal and abnormal images to be evaluated.");
        AnsiConsole.MarkupLine(Markup.Escape($"Scoring {test.Count} test images ({test.Count(t => t.Record.IsAbnormal)} abnormal) with SimSID..."));
        var (simsid, examples) = TestEvaluation.SimSid(model, test);
        var methods = new List<MethodResult> { simsid };
        if (request.Baseline)
        {
            AnsiConsole.MarkupLine("Fitting the pixel-PCA baseline on the training images...");
            var training = DatasetImages.TrainingSet(request.Dataset, model.Options.Training.PositiveRatio, size, request.Policy);
            var validation = request.Dataset.Validation.Count > 0 ? DatasetImages.Load(request.Dataset.Validation, size, request.Policy, "validation") : null;
            methods.Add(TestEvaluation.Baseline(training, validation, test, size, request.BaselineRank, model.Options.Scoring.ThresholdQuantile));
        }
        // Every report shows SimSID's other scoring modes beside the model's own, the paper's first.
        foreach (var other in OtherModes(model))
        {
            AnsiConsole.MarkupLine(Markup.Escape($"Scoring the test images with SimSID's {other.Describe()} as well..."));
            methods.Add(TestEvaluation.SimSidIn(other, model, test));
        }
        var content = new ReportContent(
            "SimSID evaluation", $"{request.Dataset.Root} ({request.Dataset.Layout}), test split",
            $"{request.ModelPath}: {simsid.Description}", DatasetImages.Labels(test), DatasetImages.Findings(test), methods, examples, size);
        var report = ReportWriter.Write(request.OutputFolder, content);
        MetricsTable.Write(content);
        AnsiConsole.MarkupLine($"Report: [bold]{Markup.Escape(Path.GetFullPath(report))}[/]");
        return (methods, report);
    }
}
