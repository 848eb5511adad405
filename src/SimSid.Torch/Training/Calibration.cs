using SimSid.Torch.Evaluation;
using static TorchSharp.torch;

namespace SimSid.Torch.Training;

/// <summary>
/// Makes a model able to score: the score calibration — mean and std of the discriminator's logits on
/// the reconstructions of the first CalibrationImages training images, with their training
/// augmentation on, as the reference does — and the decision threshold: best F1 on a labelled
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
        using var data = ImageTensors.FromPixels(trainingImages, model.Options.Network.ImageSize);
        Calibrate(model, data, validation);
    }

    internal static void Calibrate(SimSidModel model, Tensor data, LabeledImages? validation)
    {
        var o = model.Options;
        var t = o.Training;
        var mode = o.Scoring.Normalization;
        int count = (int)Math.Min(o.Scoring.CalibrationImages, data.shape[0]);
        if (count < 2) throw new ArgumentException("At least two training images are needed to calibrate the scores.");

        manual_seed(SimSidTrainer.EpochSeed(o.Seed, 0));
        using (var first = data.narrow(0, 0, count))
        using (var augmented = RandomAffine.Apply(first, t.AugmentTranslate, t.AugmentScaleMin, t.AugmentScaleMax))
        {
            var perImage = Logits(model, augmented, DiscriminatorNormalization.PerImage);
            var running = Logits(model, augmented, DiscriminatorNormalization.RunningStatistics);
            var calibration = new ScoreCalibration(LogitStatistics.Of(perImage), LogitStatistics.Of(running), count);
            var trainingScores = (mode == DiscriminatorNormalization.PerImage ? perImage : running).Select(l => calibration.Score(l, mode)).ToList();
            model.Calibration = calibration;
            model.Threshold = ThresholdSelection.FromNormalScores(trainingScores, o.Scoring.ThresholdQuantile);
        }
        if (validation is not null && validation.IsAbnormal.Distinct().Count() == 2)
        {
            using var validationData = ImageTensors.FromPixels(validation.Images, o.Network.ImageSize);
            var scores = Logits(model, validationData, mode).Select(l => model.Calibration.Score(l, mode)).ToList();
            model.Threshold = ThresholdSelection.BestValidationF1(scores, validation.IsAbnormal);
        }
        model.PrepareForScoring();
    }

    /// <summary>Discriminator logits on the reconstructions of <paramref name="images"/> (N, 1, S, S), generator in eval mode.</summary>
    internal static double[] Logits(SimSidModel model, Tensor images, DiscriminatorNormalization mode)
    {
        bool wasTraining = model.Generator.training;
        model.PrepareForScoring();
        var result = new double[images.shape[0]];
        int batchSize = model.Options.Scoring.BatchSize;
        using (no_grad())
        {
            for (int start = 0; start < result.Length; start += batchSize)
            {
                using var scope = NewDisposeScope();
                int count = Math.Min(batchSize, result.Length - start);
                var (_, logits) = model.Logits(images.narrow(0, start, count).to(model.Device), mode);
                var values = logits.to(CPU).data<float>().ToArray();
                for (int i = 0; i < count; i++) result[start + i] = values[i];
            }
        }
        model.Generator.train(wasTraining);
        model.Discriminator.train(wasTraining);
        return result;
    }
}
