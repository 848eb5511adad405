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
        ScoringMode.FeatureMemory => "SimSID (feature memory)",
        ScoringMode.FeatureMemoryMean => "SimSID (feature memory, mean)",
        ScoringMode.FocalAndDiffuse => "SimSID (focal and diffuse)",
        _ => "SimSID (both memories)",
    };

    /// <summary>The result of SimSID scored in <paramref name="mode"/>, at that mode's stored threshold.</summary>
    public static MethodResult Result(SimSidModel model, ScoringMode mode, IReadOnlyList<double> scores, IReadOnlyList<bool> labels) =>
        new(Name(mode), Describe(model, mode), scores, BinaryEvaluation.Evaluate(scores, labels, model.ThresholdFor(mode)!));

    /// <summary>
    /// Most training images the baseline is fitted on, evenly spaced through the training set: a rank-20 PCA is
    /// settled by far fewer, and eval's memory then does not grow with the training set.
    /// </summary>
    public const int BaselineTrainingImages = 2000;

    /// <summary>
    /// The baseline fitted on <paramref name="training"/> and its threshold, chosen like SimSID's: best F1 on the
    /// validation split when it has both classes, else the <paramref name="quantile"/> of its training scores.
    /// </summary>

    public static (PixelPcaBaseline Baseline, ThresholdSelection Threshold) FitBaseline(IReadOnlyList<float[]> training,
        IReadOnlyList<LoadedRadiograph>? validation, int rank, double quantile)
    {
        var baseline = PixelPcaBaseline.Fit(training, rank);
        ThresholdSelection threshold = validation is not null && validation.Select(v => v.Record.IsAbnormal).Distinct().Count() == 2
            ? ThresholdSelection.BestValidationF1(baseline.Score(DatasetImages.Pixels(validation)), DatasetImages.Labels(validation))
            : ThresholdSelection.FromNormalScores(baseline.Score(training), quantile);
        return (baseline, threshold);
    }

    /// <summary>The baseline's result on test images it scored.</summary>
    public static MethodResult BaselineResult(PixelPcaBaseline baseline, ThresholdSelection threshold, IReadOnlyList<double> scores, IReadOnlyList<bool> labels, int size) =>
        new("PCA baseline", BaselineDescription(baseline.Rank, size), scores, BinaryEvaluation.Evaluate(scores, labels, threshold));

    /// <summary>The baseline fitted, thresholded and evaluated on <paramref name="test"/> in one go.</summary>
    public static MethodResult Baseline(IReadOnlyList<float[]> training, IReadOnlyList<LoadedRadiograph>? validation,
        IReadOnlyList<LoadedRadiograph> test, int size, int rank, double quantile)
    {
        var (baseline, threshold) = FitBaseline(training, validation, rank, quantile);
        return BaselineResult(baseline, threshold, baseline.Score(DatasetImages.Pixels(test)), DatasetImages.Labels(test), size);
    }

    private static string Describe(SimSidModel model, ScoringMode mode) =>
        $"SimSID preset {model.Options.Preset}, {model.EpochsTrained} epochs, {mode.Describe()}";

    /// <summary>
    /// Four telling groups of test images: confident hits and rejections, and the worst mistakes. Only these
    /// images are loaded again and scored in detail (reconstruction, anomaly map).
    /// </summary>
    public static IReadOnlyList<ExampleGroup> Examples(SimSidModel model, IReadOnlyList<RadiographRecord> test, IReadOnlyList<double> scores, int perGroup = 4)
    {
        var order = Enumerable.Range(0, test.Count).OrderByDescending(i => scores[i]).ToList();
        var groups = new (string Title, List<int> Indices)[]
        {
            ("Highest-scored abnormal images (best detections)", [.. order.Where(i => test[i].IsAbnormal).Take(perGroup)]),
            ("Lowest-scored normal images (most confidently normal)", [.. order.AsEnumerable().Reverse().Where(i => !test[i].IsAbnormal).Take(perGroup)]),
            ("Highest-scored normal images (worst false alarms)", [.. order.Where(i => !test[i].IsAbnormal).Take(perGroup)]),
            ("Lowest-scored abnormal images (worst misses)", [.. order.AsEnumerable().Reverse().Where(i => test[i].IsAbnormal).Take(perGroup)]),
        };
        var shown = groups.SelectMany(g => g.Indices).Distinct().ToList();
        var loaded = RadiographBatchLoader.Load([.. shown.Select(i => test[i])], model.Options.InputSize, BadFilePolicy.Throw).Images;
        var detail = model.ScoreInDetail(DatasetImages.Pixels(loaded));
        var examples = shown.Select((index, k) => new ExampleImage(
            Path.GetFileName(test[index].Path) + (test[index].Finding is { } f ? $" ({f})" : ""), test[index].IsAbnormal, scores[index],
            loaded[k].Pixels, detail.Reconstructions[k], detail.AnomalyMaps[k])).ToList();
        return [.. groups.Select(g => new ExampleGroup(g.Title, [.. g.Indices.Select(i => examples[shown.IndexOf(i)])]))];
    }
}
