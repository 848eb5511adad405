using SimSid.Torch.Evaluation;
using SimSid.Torch.Tests.Support;
using SimSid.Torch.Training;

namespace SimSid.Torch.Tests.Training;

/// <summary>Validation images held 8-bit in an <see cref="ImageCache"/> instead of as floats.</summary>
public sealed class CachedValidationTests
{
    private static float[] AtEightBits(float[] pixels) => [.. pixels.Select(v => MathF.Round(Math.Clamp(v, 0f, 1f) * 255f) / 255f)];

    // Validation is read a batch at a time: 12 images in batches of 5 cross two batch boundaries.
    private static SimSidOptions InBatchesOfFive(SimSidOptions options) => options with { Scoring = options.Scoring with { BatchSize = 5 } };

    private static ImageCache CacheOf(IEnumerable<float[]> images, int side)
    {
        var cache = new ImageCache(side);
        foreach (var image in images) cache.Add(image);
        return cache;
    }

    [Fact]
    public void ALabelledSetOverACache_ReadsItsImagesBackAtEightBits_InOrder()
    {
        var (images, labels) = Phantoms.Set(seed: 4, count: 6, size: 32, mixed: true);
        using var cache = CacheOf(images, 32);

        var set = new LabeledImages(cache, labels);

        Assert.Equal(6, set.Count);
        Assert.Equal(6, set.Images.Count);
        for (int i = 0; i < 6; i++) Assert.Equal(AtEightBits(images[i]), set.Images[i]);
        Assert.Equal(images.Select(AtEightBits), set.Images);
        var error = Assert.Throws<ArgumentException>(() => new LabeledImages(cache, labels.Take(5).ToList()));
        Assert.Contains("6 images but 5 labels", error.Message);
    }

    [Fact]
    public void ValidationFromACache_GivesTheRunThatTheSamePixelsAsFloatsGive()
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 24, size: 32, mixed: false);
        var (validation, labels) = Phantoms.Set(seed: 4, count: 12, size: 32, mixed: true);
        var eightBit = validation.Select(AtEightBits).ToList();
        using var cache = CacheOf(validation, 32);
        var options = InBatchesOfFive(TinyTraining.Options(epochs: 2, seed: 3));
        var fromFloats = new ProgressRecorder();
        var fromCache = new ProgressRecorder();

        using var a = new SimSidTrainer(options) { Progress = fromFloats }.Fit(train, new LabeledImages(eightBit, labels));
        using var b = new SimSidTrainer(options) { Progress = fromCache }.Fit(train, new LabeledImages(cache, labels));

        static List<double?> Aucs(ProgressRecorder r) => [.. r.Reports.Where(p => p.Phase == TrainingPhase.Validation).Select(p => p.ValidationAuc)];
        Assert.Equal(2, Aucs(fromCache).Count);
        Assert.Equal(Aucs(fromFloats), Aucs(fromCache));
        Assert.Equal(a.ValidationAucs, b.ValidationAucs);
        Assert.Equal(a.Options.Scoring.Mode, b.Options.Scoring.Mode);
        Assert.Equal(a.Thresholds!.Select(t => t.Value.Threshold), b.Thresholds!.Select(t => t.Value.Threshold));
        Assert.Equal(ThresholdMethod.ValidationBestF1, b.Threshold!.Method);
        Assert.Equal(a.Score(eightBit).Select(s => s.RawScore), b.Score(eightBit).Select(s => s.RawScore));
    }

    // Training on eight normal 32-px images with this validation set; the error, after checking that no step ran.
    private static ArgumentException FailureBeforeTheFirstStep(LabeledImages validation)
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 8, size: 32, mixed: false);
        var recorder = new ProgressRecorder();
        var error = Assert.Throws<ArgumentException>(() =>
            new SimSidTrainer(TinyTraining.Options(epochs: 1, seed: 3)) { Progress = recorder }.Fit(train, validation));
        Assert.Empty(recorder.Reports);
        return error;
    }

    [Fact]
    public void AValidationCacheOfAnotherSide_FailsBeforeTheFirstStep()
    {
        var (validation, labels) = Phantoms.Set(seed: 4, count: 4, size: 16, mixed: true);
        using var cache = CacheOf(validation, 16);

        var error = FailureBeforeTheFirstStep(new LabeledImages(cache, labels));

        Assert.Contains("The validation images are 16x16, but this model takes 32x32 images", error.Message);
    }

    [Fact]
    public void ImagesAddedToAValidationCacheAfterLabelling_FailBeforeTheFirstStep()
    {
        var (validation, labels) = Phantoms.Set(seed: 4, count: 4, size: 32, mixed: true);
        using var cache = CacheOf(validation, 32);
        var set = new LabeledImages(cache, labels);
        cache.Add(validation[0]);

        var error = FailureBeforeTheFirstStep(set);

        Assert.Contains("The validation cache holds 5 images but 4 labels were given", error.Message);
    }

    [Fact]
    public void AValidationImageOfTheWrongSize_FailsBeforeTheFirstStep_NamingIt()
    {
        var (validation, labels) = Phantoms.Set(seed: 4, count: 4, size: 32, mixed: true);
        validation[2] = new float[16 * 16];

        var error = FailureBeforeTheFirstStep(new LabeledImages(validation, labels));

        Assert.Contains("Image 2 has 256 pixels; this model takes 32x32 = 1024 grayscale pixels.", error.Message);
    }

    [Fact]
    public void CalibratingFromACache_EqualsCalibratingFromTheSamePixels_AndRejectsAnotherSide()
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 12, size: 32, mixed: false);
        var (validation, labels) = Phantoms.Set(seed: 4, count: 8, size: 32, mixed: true);
        using var trainCache = CacheOf(train, 32);
        using var validationCache = CacheOf(validation, 32);
        using var fromFloats = SimSidModel.Create(InBatchesOfFive(SimSidPresets.Tiny));
        using var fromCache = SimSidModel.Create(InBatchesOfFive(SimSidPresets.Tiny));
        fromCache.Generator.load_state_dict(fromFloats.Generator.state_dict());
        fromCache.Discriminator.load_state_dict(fromFloats.Discriminator.state_dict());

        Calibration.Calibrate(fromFloats, train, new LabeledImages([.. validation.Select(AtEightBits)], labels));
        Calibration.Calibrate(fromCache, trainCache, new LabeledImages(validationCache, labels));

        Assert.Equal(fromFloats.Calibration, fromCache.Calibration);
        Assert.Equal(fromFloats.Thresholds!.Select(t => t.Value.Threshold), fromCache.Thresholds!.Select(t => t.Value.Threshold));
        using var otherSide = CacheOf(train.Select(_ => new float[16 * 16]), 16);
        var error = Assert.Throws<ArgumentException>(() => Calibration.Calibrate(fromCache, otherSide));
        Assert.Contains("The training images are 16x16, but this model takes 32x32 images", error.Message);
    }
}
