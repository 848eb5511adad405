using SimSid.Torch.Evaluation;
using static TorchSharp.torch;

namespace SimSid.Torch.Training;

/// <summary>
/// Makes a model able to score: the patch memory of its training images (when it has none yet), the score
/// calibration — mean and std of the raw scores in every scoring mode: the network modes' (discriminator
/// logits on the reconstructions, reconstruction errors) of the first CalibrationImages training images
/// with their training augmentation on, as the reference does, and the patch memory's of the first
/// remembered images against the others — and each mode's decision threshold: best F1 on a labelled
/// validation set when one is given, else a quantile of those training images' scores.
/// Runs in eval mode without gradient and leaves the model's training state untouched.
/// </summary>
public static class Calibration
{
    /// <summary>
    /// Calibrates <paramref name="model"/> on its training images (row-major S x S pixels in [0, 1]), e.g.
    /// after importing weights trained elsewhere.
    /// </summary>
    public static void Calibrate(SimSidModel model, IReadOnlyList<float[]> trainingImages, LabeledImages? validation = null)
    {
        using var data = ImageCache.From(trainingImages, model.InputSize);
        Calibrate(model, data, validation);
    }

    /// <summary>
    /// Calibrates <paramref name="model"/> on its training images held in <paramref name="data"/> (at the model's
    /// input side), so that the memory they take stays within the cache's budget however many there are.
    /// </summary>
    /// <exception cref="ArgumentException">The images are of another side than the model's input, or fewer than two.</exception>
    public static void Calibrate(SimSidModel model, ImageCache data, LabeledImages? validation = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        TrainingInputChecks.CheckSide(data, model.InputSize, nameof(data));
        validation?.CheckImages(model.InputSize, nameof(validation));
        Calibrate(model, data, validation, knownValidationRaw: null);
    }

    /// <param name="model">The model to calibrate.</param>
    /// <param name="data">Its training images.</param>
    /// <param name="validation">Labelled images for the thresholds, or null.</param>
    /// <param name="knownValidationRaw">
    /// The validation images' raw scores in every available mode when the caller has just computed them with
    /// the same weights (the trainer's last validation); they are then not computed again.
    /// </param>
    internal static void Calibrate(SimSidModel model, ImageCache data, LabeledImages? validation,
        IReadOnlyDictionary<ScoringMode, double[]>? knownValidationRaw)
    {
        var o = model.Options;
        var t = o.Training;
        int count = Math.Min(o.Scoring.CalibrationImages, data.Count);
        if (count < 2) throw new ArgumentException("At least two training images are needed to calibrate the scores.");
        model.PatchMemory ??= PatchMemory.Remember(data, o.Scoring.PatchMemoryImages, model.Device, o.Network.ImageSize, PlaceMatching.Of(o.Scoring));
        var modes = model.AvailableModes;

        var trainingRaw = new Dictionary<ScoringMode, double[]>();
        // The augmentation's tensors (the batch as large as CalibrationImages, its grid, its resampling)
        // die with this scope: calibration runs at every checkpointed epoch.
        using (var random = TrainingRandom.ForEpoch(o.Seed, 0))
        using (NewDisposeScope())
        {
            var augmented = RandomAffine.Apply(model.NetworkInput(data.Read(0, count)), t.AugmentTranslate, t.AugmentScaleMin, t.AugmentScaleMax, random.Generator);
            var networkModes = modes.Where(m => !m.IsMemory()).ToArray();
            foreach (var (mode, raw) in networkModes.Zip(RawScores(model, augmented, networkModes))) trainingRaw[mode] = raw;
        }
        foreach (var mode in modes.Where(m => m.IsMemory() && !m.IsCombination()))
        {
            var memory = model.MemoryFor(mode)!;
            trainingRaw[mode] = [.. memory.RememberedRawScores(Math.Min(count, memory.Count), o.Scoring.BatchSize, mode.Summary())];
        }
        LogitStatistics? Statistics(ScoringMode mode) => trainingRaw.TryGetValue(mode, out var raw) ? LogitStatistics.Of(raw) : null;
        foreach (var mode in modes.Where(m => m.IsCombination()))
        {
            // The same remembered images in every memory, so the parts' raw scores pair up image by image.
            var parts = mode.MemoryParts();
            trainingRaw[mode] = MemoriesScore.Combine(parts.Select(p => (IReadOnlyList<double>)trainingRaw[p]).ToList(), [.. parts.Select(p => Statistics(p)!)]);
        }
        var calibration = new ScoreCalibration(Statistics(ScoringMode.Paper)!, Statistics(ScoringMode.DiscriminatorEvalMode)!, count,
            Statistics(ScoringMode.ReconstructionError), Statistics(ScoringMode.PatchMemory), Statistics(ScoringMode.FeatureMemory),
            Statistics(ScoringMode.Memories), Statistics(ScoringMode.FeatureMemoryMean), Statistics(ScoringMode.FocalAndDiffuse));
        bool byValidation = validation is not null && validation.IsAbnormal.Distinct().Count() == 2;
        var validationRaw = !byValidation ? null
            : knownValidationRaw is not null && modes.All(knownValidationRaw.ContainsKey) ? [.. modes.Select(m => knownValidationRaw[m])]
            : RawScores(model, validation!, [.. modes]);
        var thresholds = modes.Select((mode, m) =>
        {
            var scores = Scores(calibration, validationRaw?[m] ?? trainingRaw[mode], mode);
            return (mode, byValidation
                ? ThresholdSelection.BestValidationF1(scores, validation!.IsAbnormal)
                : ThresholdSelection.FromNormalScores(scores, o.Scoring.ThresholdQuantile));
        }).ToDictionary();
        model.Calibration = calibration;
        model.Thresholds = thresholds;
        model.PrepareForScoring();
    }

    /// <summary>Raw scores of labelled images, read a batch at a time (see <see cref="RawScores(SimSidModel, Tensor, ScoringMode[])"/>).</summary>
    internal static double[][] RawScores(SimSidModel model, LabeledImages images, params ScoringMode[] modes) =>
        model.RawScoresInBatches(images.Count, (start, count) => images.Read(start, count, model.InputSize), modes);

    private static List<double> Scores(ScoreCalibration calibration, double[] raw, ScoringMode mode) =>
        raw.Select(r => calibration.Score(r, mode)).ToList();

    /// <summary>
    /// Raw scores of <paramref name="images"/> (N, 1, S, S), networks in scoring mode, one array per mode
    /// asked for; each image is reconstructed once, and not at all when only memories are asked for. The networks' modes are left as they were.
    /// </summary>
    internal static double[][] RawScores(SimSidModel model, Tensor images, params ScoringMode[] modes) =>
        model.RawScoresInBatches((int)images.shape[0], (start, count) => images.narrow(0, start, count), modes);
}
