using Microsoft.ML;
using SimSid.MLNet.Tests.Support;
using SimSid.Torch;
using SimSid.Torch.Evaluation;

namespace SimSid.MLNet.Tests;

/// <summary>Validation rows in ML.NET: the scoring mode chosen on them, their best-F1 threshold, clear errors; the device's default recipe.</summary>
[Collection(RealNetworkCollection.Name)]
public sealed class ValidationDataTests
{
    private static SimSidEstimator.Options Options(IDataView? validation)
    {
        var options = Pipelines.VectorOptions();
        options.ModelOptions = SimSidPresets.Tiny with
        {
            Training = SimSidPresets.Tiny.Training with { Epochs = 1 },
            Scoring = SimSidPresets.Tiny.Scoring with { ChooseModeOnValidation = true },
        };
        options.ValidationData = validation;
        return options;
    }

    [Fact]
    public void ValidationData_ChooseTheScoringMode_AndTheThreshold_AndTheChoiceIsLogged()
    {
        var ml = new MLContext(seed: 1);
        var log = new List<string>();
        ml.Log += (_, e) => { lock (log) log.Add(e.Message); };
        var validationRows = TestImages.Rows(normal: 8, anomalous: 8, seed: 31);
        var validation = ml.Data.LoadFromEnumerable(validationRows);
        var stages = new List<string>();
        var options = Options(validation);
        options.StageCallback = stages.Add;

        using var transformer = ml.Transforms.SimSid(options).Fit(ml.Data.LoadFromEnumerable(TestImages.Rows(normal: 16, anomalous: 0, seed: 30)));

        var model = transformer.TorchModel!;
        var aucs = model.ValidationAucs!;
        Assert.Equal(aucs.MaxBy(a => a.Value).Key, model.Options.Scoring.Mode);
        Assert.Equal(ThresholdMethod.ValidationBestF1, model.Threshold!.Method);
        var scores = Scored.Scores(transformer.Transform(validation));
        Assert.Equal(aucs[model.Options.Scoring.Mode], Scored.Auc(scores, validationRows.Select(r => r.Label).ToArray()), 5);
        Assert.Contains(log, m => m.Contains("SimSID: validating every epoch on 16 rows (8 anomalous)."));
        Assert.Contains(log, m => m.Contains("SimSID: Measuring every score on the 16 validation images..."));
        // The work between epochs reaches the stage callback too (the tiny preset has no feature memory to describe).
        Assert.Equal(["Measuring every score on the 16 validation images"], stages);
        Assert.Contains(log, m => m.Contains($"SimSID: scoring mode chosen on the validation data: {model.Options.Scoring.Mode.ShortName()}, validation ROC-AUC"));
        // Sixteen rows are too few to choose on reliably (unless the chosen score separates them perfectly), and the log says so.
        bool uncertain = AucUncertainty.StandardError(aucs[model.Options.Scoring.Mode], 8, 8) > ScoringModes.UncertainChoiceStandardError;
        Assert.Equal(uncertain, log.Any(m => m.Contains("chosen on 8 normal and 8 abnormal validation images, too few to choose reliably")));
    }

    [Fact]
    public void WithoutValidationData_AnomalousTrainingRows_AndATenthOfTheNormalOnes_ValidateAndChooseTheMode_UnlessTurnedOff()
    {
        var ml = new MLContext(seed: 1);
        var log = new List<string>();
        ml.Log += (_, e) => { lock (log) log.Add(e.Message); };
        // The anomalous rows lie among the normal ones: lending picks rows by their label, whatever the order.
        var rows = TestImages.Rows(normal: 20, anomalous: 6, seed: 35);
        var interleaved = ml.Data.LoadFromEnumerable(rows.Select((r, i) => (r, key: r.Label ? i * 3 - 50 : i)).OrderBy(x => x.key).Select(x => x.r));

        using var lending = ml.Transforms.SimSid(Options(null)).Fit(interleaved);
        var keeping = Options(null);
        keeping.LendValidationRows = false;
        using var kept = ml.Transforms.SimSid(keeping).Fit(interleaved);

        var model = lending.TorchModel!;
        AssertChosenOnValidation(model, new ValidationCounts(2, 6));
        Assert.Contains(log, m => m.Contains("SimSID: no validation data, so 6 anomalous rows and 2 of the normal rows validate every epoch and choose the score; " +
            "training keeps the other 18 normal rows"));
        Assert.Contains(log, m => m.Contains($"SimSID: scoring mode chosen on the validation data: {model.Options.Scoring.Mode.ShortName()}"));

        Assert.Null(kept.TorchModel!.ValidationAucs);
        Assert.Equal(ScoringMode.Paper, kept.TorchModel.Options.Scoring.Mode);
        Assert.NotEqual(ThresholdMethod.ValidationBestF1, kept.TorchModel.Threshold!.Method);

        // Nine normal rows spare none (a tenth of them is none), and anomalous rows alone cannot validate: nothing is lent.
        using var few = ml.Transforms.SimSid(Options(null)).Fit(ml.Data.LoadFromEnumerable(TestImages.Rows(normal: 9, anomalous: 3, seed: 36)));
        Assert.Null(few.TorchModel!.ValidationAucs);
    }

    [Fact]
    public void ValidationData_WithOneClass_OrWithoutALabel_FailBeforeTraining_WhenNothingCanBeLent()
    {
        var ml = new MLContext(seed: 1);
        var training = ml.Data.LoadFromEnumerable(TestImages.Rows(normal: 8, anomalous: 0, seed: 32));
        var onlyNormal = ml.Data.LoadFromEnumerable(TestImages.Rows(normal: 6, anomalous: 0, seed: 33));
        var unlabelled = ml.Data.LoadFromEnumerable(TestImages.Rows(normal: 3, anomalous: 3, seed: 34).Select(r => new PixelsOnly { Pixels = r.Pixels }));
        var notLending = Options(onlyNormal);
        notLending.LendValidationRows = false;

        var oneClass = Assert.Throws<InvalidOperationException>(() => ml.Transforms.SimSid(Options(onlyNormal)).Fit(training));
        var oneClassNotLending = Assert.Throws<InvalidOperationException>(() => ml.Transforms.SimSid(notLending)
            .Fit(ml.Data.LoadFromEnumerable(TestImages.Rows(normal: 20, anomalous: 6, seed: 35))));
        var noLabel = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.SimSid(Options(unlabelled)).Fit(training));

        foreach (var error in new[] { oneClass, oneClassNotLending })
            Assert.Contains("SimSID validation data need both normal and anomalous rows; these have 6 normal and 0 anomalous. Add anomalous rows to them, " +
                "or label some training rows anomalous: with LendValidationRows on, validation data short of a class are topped up", error.Message);
        Assert.Contains("SimSID validation data need a Boolean label column 'Label' (true = anomalous) beside the image column; it has none.", noLabel.Message);
    }

    [Fact]
    public void ValidationData_ShortOfAClass_AreToppedUpFromTheTrainingRows_AsWithoutThem()
    {
        var ml = new MLContext(seed: 1);
        var log = new List<string>();
        ml.Log += (_, e) => { lock (log) log.Add(e.Message); };
        var onlyNormal = ml.Data.LoadFromEnumerable(TestImages.Rows(normal: 6, anomalous: 0, seed: 33));
        var training = ml.Data.LoadFromEnumerable(TestImages.Rows(normal: 20, anomalous: 6, seed: 35));

        using var transformer = ml.Transforms.SimSid(Options(onlyNormal)).Fit(training);

        // The six normal validation rows, two normal training rows (a tenth of twenty) and the six anomalous ones.
        var model = transformer.TorchModel!;
        AssertChosenOnValidation(model, new ValidationCounts(8, 6));
        Assert.Contains(log, m => m.Contains("SimSID: the validation data hold 6 normal and 0 anomalous rows, too few to choose the score on, so 2 of the " +
            "normal training rows (which leave the training set) and 6 anomalous ones join them; training keeps the other 18 normal rows"));
        Assert.Contains(log, m => m.Contains("SimSID: validating every epoch on 14 rows (6 anomalous)."));
    }

    [Fact]
    public void WithoutAPreset_TheDevicesRecipeIsTrained_AndTheChoiceIsLogged_AndWithoutValidationDataItScoresWithTheFocalAndDiffuseScore()
    {
        var ml = new MLContext(seed: 1);
        var log = new List<string>();
        ml.Log += (_, e) => { lock (log) log.Add(e.Message); };
        var rows = Enumerable.Range(0, 6).Select(i => new CpuSizedRow { Image = Enumerable.Range(0, 128 * 128).Select(p => (p * 7 + i * 13) % 255 / 255f).ToArray() }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);

        // On a CPU (Device "cpu") the default is the CPU recipe; one epoch keeps the test short.
        using var transformer = ml.Transforms.SimSid(new SimSidEstimator.Options { TrainOnAllRows = true, Epochs = 1, Device = "cpu" })
            .Fit(data);

        Assert.Equal("cpu", transformer.TorchModel!.Options.Preset);
        // Epochs named are trained whatever the number of rows; the recipe's own are bounded by its steps.
        Assert.Null(transformer.TorchModel.Options.Training.MaxSteps);
        Assert.Equal(1500, new SimSidEstimator.Options { Device = "cpu" }.ResolveModelOptions().Training.MaxSteps);
        // The recipe's network takes 64-pixel images, its memories 128-pixel ones: the column holds the larger.
        Assert.Equal(64, transformer.TorchModel.Options.Network.ImageSize);
        Assert.Equal(128, transformer.ImageSize);
        Assert.Contains(log, m => m.Contains("SimSID: no preset was named, so the recipe for cpu was chosen: 'cpu' (the CPU recipe)."));
        // A host with .NET's tiered compilation on (the test host's default) is told how to turn it off.
        Assert.Equal(ManagedJit.Tiered, log.Any(m => m.Contains("SimSID: .NET's tiered compilation is on in this process")));
        // With nothing to choose on, the recipe keeps its default score, the focal-and-diffuse score, says so, and the Score column is it.
        var model = transformer.TorchModel;
        Assert.Equal(ScoringMode.FocalAndDiffuse, model.Options.Scoring.Mode);
        Assert.Null(model.ValidationAucs);
        Assert.Contains(log, m => m.Contains("SimSID: no validation data to choose the score on, so the model scores with the preset's default, the focal-and-diffuse score"));
        var expected = model.Score(rows.Select(r => r.Image).ToList(), ScoringMode.FocalAndDiffuse).Select(s => (float)s.Score).ToArray();
        Assert.Equal(expected, Scored.Scores(transformer.Transform(data)), new FloatTolerance(1e-6f));
        Assert.NotEqual(expected, model.Score(rows.Select(r => r.Image).ToList(), ScoringMode.Paper).Select(s => (float)s.Score).ToArray(),
            new FloatTolerance(1e-6f));
    }

    // The model validated on so many rows of each class, chose its mode and its threshold on them.
    private static void AssertChosenOnValidation(SimSidModel model, ValidationCounts counts)
    {
        Assert.Equal(counts, model.ValidationCounts);
        Assert.Equal(model.ValidationAucs!.MaxBy(a => a.Value).Key, model.Options.Scoring.Mode);
        Assert.Equal(ThresholdMethod.ValidationBestF1, model.Threshold!.Method);
    }

    private sealed class CpuSizedRow
    {
        [Microsoft.ML.Data.VectorType(128 * 128)]
        public float[] Image { get; set; } = [];
    }

    private sealed class PixelsOnly
    {
        [Microsoft.ML.Data.VectorType(TestImages.PixelCount)]
        public float[] Pixels { get; set; } = [];
    }
}
