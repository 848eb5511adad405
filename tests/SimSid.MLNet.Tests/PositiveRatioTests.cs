using Microsoft.ML;
using SimSid.MLNet.Tests.Support;
using SimSid.Torch;
using SimSid.Torch.Persistence;
using SimSid.Torch.Training;

namespace SimSid.MLNet.Tests;

/// <summary>The estimator trains on the same contaminated training set as SimSidTrainer (the paper's positive_ratio).</summary>
public sealed class PositiveRatioTests
{
    private static SimSidOptions Tiny(double positiveRatio) => SimSidPresets.Tiny with
    {
        Seed = 4,
        Training = SimSidPresets.Tiny.Training with { Epochs = 1, PositiveRatio = positiveRatio },
    };

    private static SimSidEstimator.Options EstimatorOptions(double positiveRatio, List<SimSidTrainingProgress> reports)
    {
        var options = Pipelines.VectorOptions();
        options.ModelOptions = Tiny(positiveRatio);
        options.ProgressCallback = reports.Add;
        return options;
    }

    /// <summary>The saved bytes of every weight and buffer of the generator and the discriminator.</summary>
    private static byte[] Weights(SimSidModel model) =>
        [.. ModelFile.ModuleBytes(model.Generator), .. ModelFile.ModuleBytes(model.Discriminator)];

    [Fact]
    public void Fit_LabelledRows_TrainsTheNetworkSimSidTrainerTrainsOnTheSameRows()
    {
        var ml = new MLContext(seed: 1);
        var log = new List<string>();
        ml.Log += (_, e) => { lock (log) log.Add(e.Message); };
        var rows = TestImages.Rows(normal: 8, anomalous: 4, seed: 21);
        // The paper's set at ratio 0.75: the first floor(8 * 0.75) = 6 normal rows, then the first 2 anomalous ones.
        var expectedSet = rows.Where(r => !r.Label).Take(6).Concat(rows.Where(r => r.Label).Take(2)).Select(r => r.Pixels).ToList();

        using var transformer = ml.Transforms.SimSid(EstimatorOptions(0.75, [])).Fit(ml.Data.LoadFromEnumerable(rows));
        using var direct = new SimSidTrainer(Tiny(0.75)).Fit(new LabeledImages(rows.Select(r => r.Pixels).ToList(), rows.Select(r => r.Label).ToList()));
        using var onTheSet = new SimSidTrainer(Tiny(0.75)).Fit(expectedSet);

        var throughEstimator = Weights(transformer.TorchModel!);
        Assert.Equal(Weights(onTheSet), throughEstimator);
        Assert.Equal(Weights(direct), throughEstimator);
        Assert.Equal(direct.Calibration, transformer.TorchModel!.Calibration);
        Assert.Contains(log, m => m.Contains("SimSID: 6 normal and 2 anomalous rows to train on (positive ratio 0.75); 2 normal and 2 anomalous rows left out."));
        Assert.Contains(log, m => m.Contains("SimSID: training preset 'tiny' at 32x32 on 8 images for 1 epoch on cpu."));
    }

    [Fact]
    public void Fit_FewerAnomalousRowsThanTheRatioNeeds_FailsBeforeTraining()
    {
        var ml = new MLContext(seed: 1);
        var reports = new List<SimSidTrainingProgress>();
        var rows = TestImages.Rows(normal: 8, anomalous: 2, seed: 22);

        var error = Assert.Throws<InvalidOperationException>(() =>
            ml.Transforms.SimSid(EstimatorOptions(0.5, reports)).Fit(ml.Data.LoadFromEnumerable(rows)));

        Assert.Contains("SimSID cannot compose its training set from these rows (label column 'Label'): " +
            "A positive ratio of 0.5 with 8 normal training images needs 4 abnormal training images, but only 2 are given.", error.Message);
        Assert.Empty(reports);
    }
}
