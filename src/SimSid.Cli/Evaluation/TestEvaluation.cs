using SimSid.Cli.Reporting;
using SimSid.Data.Datasets;
using SimSid.MLNet.Baselines;
using SimSid.Torch;
using SimSid.Torch.Evaluation;

namespace SimSid.Cli.Evaluation;

/// <summary>
/// Scores a test split with SimSID and with the pixel-PCA baseline and evaluates both the same way:
/// metrics at a threshold chosen without test labels, oracle metrics, curves.
/// </summary>
internal static class TestEvaluation
{
    /// <summary>Description of the baseline in reports.</summary>
    public static string BaselineDescription(int rank, int size) =>
        $"ML.NET RandomizedPca anomaly detector (rank {rank}) on raw {size}x{size} pixels, fitted on the same normal training images";

    /// <summary>The name of SimSID scored in <paramref name="mode"/> in tables and reports.</summary>
    public static string Name(ScoringMode mode) => mode switch
    {
        ScoringMode.Paper => "SimSID (paper score)",
        ScoringMode.DiscriminatorEvalMode => "SimSID (eval-mode D)",
        ScoringMode.ReconstructionError => "SimSID (reconstruction error)",
        ScoringMode.PatchMemory => "SimSID (patch memory)",
        _ => "SimSID (feature memory)",
    };

    /// <summary>SimSID's result on the test images in the model's own scoring mode and threshold, plus example images for the report.</summary>
    public static (MethodResult Result, IReadOnlyList<ExampleGroup> Examples) SimSid(SimSidModel model, IReadOnlyList<LoadedRadiograph> test)
    {
        var pixels = DatasetImages.Pixels(test);
        var labels = DatasetImages.Labels(test);
        var detail = model.ScoreInDetail(pixels);
        var values = detail.Scores.Select(s => s.Score).ToList();
        return (Result(model, model.Options.Scoring.Mode, values, labels), Examples(test, values, detail));
    }

    /// <summary>The same model scored in another mode, at that mode's stored threshold.</summary>
    public static MethodResult SimSidIn(ScoringMode mode, SimSidModel model, IReadOnlyList<LoadedRadiograph> test) =>
        Result(model, mode, model.Score(DatasetImages.Pixels(test), mode).Select(s => s.Score).ToList(), DatasetImages.Labels(test));

    private static MethodResult Result(SimSidModel model, ScoringMode mode, IReadOnlyList<double> scores, IReadOnlyList<bool> labels) =>
        new(Name(mode), Describe(model, mode), scores, BinaryEvaluation.Evaluate(scores, labels, model.ThresholdFor(mode)!));

    /// <summary>
    /// The baseline fitted on <paramref name="training"/> and thresholded like SimSID: best F1 on the
    /// validation split when it has both classes, else the <paramref name="quantile"/> of its training scores.
    /// </summary>
    public static MethodResult Baseline(IReadOnlyList<float[]> training, IReadOnlyList<LoadedRadiograph>? validation,
        IReadOnlyList<LoadedRadiograph> test, int size, int rank, double quantile)
    {
        var baseline = PixelPcaBaseline.Fit(training, rank);
        ThresholdSelection threshold = validation is not null && validation.Select(v => v.Record.IsAbnormal).Distinct().Count() == 2
            ? ThresholdSelection.BestValidationF1(baseline.Score(DatasetImages.Pixels(validation)), DatasetImages.Labels(validation))
            : ThresholdSelection.FromNormalScores(baseline.Score(training), quantile);
        var scores = baseline.Score(DatasetImages.Pixels(test));
        return new MethodResult("PCA baseline", BaselineDescription(baseline.Rank, size), scores,
            BinaryEvaluation.Evaluate(scores, DatasetImages.Labels(test), threshold));
    }

    private static string Describe(SimSidModel model, ScoringMode mode) =>
        $"SimSID preset {model.Options.Preset}, {model.EpochsTrained} epochs, {mode.Describe()}";

    /// <summary>Four telling groups of test images: confident hits and rejections, and the worst mistakes.</summary>
    private static IReadOnlyList<ExampleGroup> Examples(IReadOnlyList<LoadedRadiograph> test, IReadOnlyList<double> scores, ScoredImages detail, int perGroup = 4)
    {
        var order = Enumerable.Range(0, test.Count).OrderByDescending(i => scores[i]).ToList();
        ExampleImage Example(int i) => new(Path.GetFileName(test[i].Record.Path) + (test[i].Record.Finding is { } f ? $" ({f})" : ""),
            test[i].Record.IsAbnormal, scores[i], test[i].Pixels, detail.Reconstructions[i], detail.AnomalyMaps[i]);
        ExampleGroup Group(string title, IEnumerable<int> indices) => new(title, indices.Take(perGroup).Select(Example).ToList());
        return
        [
            Group("Highest-scored abnormal images (best detections)", order.Where(i => test[i].Record.IsAbnormal)),
            Group("Lowest-scored normal images (most confidently normal)", order.AsEnumerable().Reverse().Where(i => !test[i].Record.IsAbnormal)),
            Group("Highest-scored normal images (worst false alarms)", order.Where(i => !test[i].Record.IsAbnormal)),
            Group("Lowest-scored abnormal images (worst misses)", order.AsEnumerable().Reverse().Where(i => test[i].Record.IsAbnormal)),
        ];
    }
}
