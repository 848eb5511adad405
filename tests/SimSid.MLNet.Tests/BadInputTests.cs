using Microsoft.ML;
using Microsoft.ML.Data;
using SimSid.MLNet.Tests.Support;
using SimSid.Torch;

namespace SimSid.MLNet.Tests;

public sealed class BadInputTests
{
    private const string ExpectedKinds = "must be an image (MLImage, e.g. from LoadImages) or a known-size vector of 1024 Single values (32x32 grayscale pixels, e.g. from ExtractPixels)";

    private readonly MLContext _ml = new(seed: 1);

    private sealed class ScalarRow
    {
        public float Pixels { get; set; }
    }

    private sealed class WideRow
    {
        [VectorType(3 * TestImages.PixelCount)]
        public float[] Pixels { get; set; } = new float[3 * TestImages.PixelCount];
    }

    private sealed class DoubleRow
    {
        [VectorType(TestImages.PixelCount)]
        public double[] Pixels { get; set; } = new double[TestImages.PixelCount];
    }

    private sealed class TextRow
    {
        public string Pixels { get; set; } = "";
    }

    private sealed class SingleLabelRow
    {
        [VectorType(TestImages.PixelCount)]
        public float[] Pixels { get; set; } = new float[TestImages.PixelCount];

        public float Label { get; set; }
    }

    private SimSidTransformer Fitted() => Pipelines.Estimator(_ml).Fit(_ml.Data.LoadFromEnumerable(TestImages.Rows(6, 0)));

    /// <summary>Row type, the column type named for data, and for an estimator's schema shape (which keeps no vector sizes).</summary>
    public static TheoryData<string, string, string?> WrongColumns() => new()
    {
        { nameof(ScalarRow), "Single", "Single" },
        { nameof(WideRow), "Vector<Single, 3072>", null },
        { nameof(DoubleRow), "Vector<Double, 1024>", "Vector<Double>" },
        { nameof(TextRow), "String", "String" },
    };

    private IDataView Data(string row) => row switch
    {
        nameof(ScalarRow) => _ml.Data.LoadFromEnumerable(new[] { new ScalarRow() }),
        nameof(WideRow) => _ml.Data.LoadFromEnumerable(new[] { new WideRow() }),
        nameof(DoubleRow) => _ml.Data.LoadFromEnumerable(new[] { new DoubleRow() }),
        _ => _ml.Data.LoadFromEnumerable(new[] { new TextRow() }),
    };

    [Theory]
    [MemberData(nameof(WrongColumns))]
    public void InputColumnOfTheWrongType_FailsEverywhereNamingColumnExpectedAndActualTypes(string row, string actual, string? actualShape)
    {
        var data = Data(row);
        var errors = new List<(ArgumentOutOfRangeException Error, string Actual)>
        {
            (Assert.Throws<ArgumentOutOfRangeException>(() => Pipelines.Estimator(_ml).Fit(data)), actual),
            (Assert.Throws<ArgumentOutOfRangeException>(() => Fitted().Transform(data)), actual),
            (Assert.Throws<ArgumentOutOfRangeException>(() => Fitted().GetOutputSchema(data.Schema)), actual),
        };
        if (actualShape is not null)
            errors.Add((Assert.Throws<ArgumentOutOfRangeException>(() => Pipelines.Estimator(_ml).GetOutputSchema(Shapes.Of(data.Schema))), actualShape));
        else // A Single vector of the wrong size passes the shape check; the data check catches it.
            Pipelines.Estimator(_ml).GetOutputSchema(Shapes.Of(data.Schema));

        Assert.All(errors, e => Assert.Contains($"SimSID input column 'Pixels' {ExpectedKinds}, but it is {e.Actual}.", e.Error.Message));
    }

    [Fact]
    public void MissingInputColumn_FailsNamingItAndTheColumnsPresent()
    {
        var data = _ml.Data.LoadFromEnumerable(TestImages.Rows(3, 0));
        var options = Pipelines.VectorOptions();
        options.InputColumnName = "Radiograph";

        var errors = new[]
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => Pipelines.Estimator(_ml, options).Fit(data)),
            Assert.Throws<ArgumentOutOfRangeException>(() => Pipelines.Estimator(_ml, options).GetOutputSchema(Shapes.Of(data.Schema))),
        };

        Assert.All(errors, error =>
        {
            Assert.Contains("SimSID input column 'Radiograph' was not found; it must be an image (MLImage", error.Message);
            Assert.Contains("Columns present: 'Pixels', 'Label'.", error.Message);
        });
    }

    [Fact]
    public void LabelColumnThatIsNotBoolean_FailsNamingItAndItsType()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new SingleLabelRow() });

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Pipelines.Estimator(_ml).Fit(data));

        Assert.Contains("SimSID label column 'Label' must be Boolean (true = anomalous), but it is Single.", error.Message);
    }

    [Fact]
    public void TrainingData_WithOnlyAnomalousRows_FailsSayingSo()
    {
        var data = _ml.Data.LoadFromEnumerable(TestImages.Rows(normal: 0, anomalous: 4));

        var error = Assert.Throws<InvalidOperationException>(() => Pipelines.Estimator(_ml).Fit(data));

        Assert.Contains("no normal rows to train on: all 4 rows have label column 'Label' = true", error.Message);
    }

    [Fact]
    public void TrainingData_WithOneNormalRow_FailsBeforeTheFirstEpoch()
    {
        var reports = new List<SimSidTrainingProgress>();
        var options = Pipelines.VectorOptions();
        options.ProgressCallback = reports.Add;
        var data = _ml.Data.LoadFromEnumerable(TestImages.Rows(normal: 1, anomalous: 3));

        var error = Record.Exception(() => Pipelines.RealEstimator(_ml, options).Fit(data));

        Assert.Empty(reports);
        Assert.IsType<ArgumentException>(error);
        Assert.Contains("The training set has 1 image, but at least 2 are needed", error.Message);
    }

    [Fact]
    public void TrainingData_Empty_FailsSayingSo()
    {
        var data = _ml.Data.LoadFromEnumerable(new List<PixelRow>());

        var error = Assert.Throws<InvalidOperationException>(() => Pipelines.Estimator(_ml).Fit(data));

        Assert.Contains("the training data is empty", error.Message);
    }

    [Fact]
    public void PixelsIn0To255_WithTheDefaultRange_FailNamingRowAndTheFix()
    {
        var rows = TestImages.Rows(3, 0);
        rows[2].Pixels = rows[2].Pixels.Select(p => p * 255).ToArray();

        var error = Assert.Throws<InvalidDataException>(() => Pipelines.Estimator(_ml).Fit(_ml.Data.LoadFromEnumerable(rows)));

        Assert.Contains("Row 2 of SimSID input column 'Pixels' has pixel 0 = ", error.Message);
        Assert.Contains("outside [0, 1] (PixelRange = ZeroToOne)", error.Message);
        Assert.Contains("set PixelRange to SimSidPixelRange.ZeroTo255", error.Message);
    }

    [Fact]
    public void NotANumberPixel_WhenScoring_FailsNamingRowAndPixel()
    {
        var rows = TestImages.Rows(3, 0);
        rows[1].Pixels[17] = float.NaN;
        var scored = Fitted().Transform(_ml.Data.LoadFromEnumerable(rows));

        var error = Assert.Throws<InvalidDataException>(() => Scored.Scores(scored));

        Assert.Contains("Row 1 of SimSID input column 'Pixels' has pixel 17 = NaN, outside [0, 1]", error.Message);
    }

    [Fact]
    public void MissingImage_FailsNamingTheRow()
    {
        var rows = new[]
        {
            new ImageRow { Image = TestImages.ToImage(TestImages.Rows(1, 0)[0].Pixels, 2) },
            new ImageRow { Image = null },
        };
        var options = Pipelines.VectorOptions();
        options.InputColumnName = nameof(ImageRow.Image);

        var error = Assert.Throws<InvalidDataException>(() => Pipelines.Estimator(_ml, options).Fit(_ml.Data.LoadFromEnumerable(rows)));

        Assert.Contains("Row 1 of SimSID input column 'Image' holds no image", error.Message);
    }

    [Theory]
    [InlineData(nameof(SimSidEstimator.Options.Preset), "Unknown SimSID preset \"paper\". Known presets: zhang, chexpert, covidx, cpu, small, tiny.")]
    [InlineData(nameof(SimSidEstimator.Options.ScoringBatchSize), "SimSID option ScoringBatchSize must be positive.")]
    [InlineData(nameof(SimSidEstimator.Options.Epochs), "SimSID option Epochs must be positive or null.")]
    [InlineData(nameof(SimSidEstimator.Options.BatchSize), "SimSID option BatchSize must be positive or null.")]
    [InlineData(nameof(SimSidEstimator.Options.Device), "Device must be \"cpu\", \"cuda\" or \"cuda:N\" (got \"gpu\").")]
    [InlineData(nameof(SimSidEstimator.Options.InputColumnName), "SimSID option InputColumnName must name a column.")]
    public void InvalidOption_FailsNamingIt(string option, string message)
    {
        var options = Pipelines.VectorOptions();
        switch (option)
        {
            case nameof(SimSidEstimator.Options.Preset): options.Preset = "paper"; break;
            case nameof(SimSidEstimator.Options.ScoringBatchSize): options.ScoringBatchSize = 0; break;
            case nameof(SimSidEstimator.Options.Epochs): options.Epochs = -1; break;
            case nameof(SimSidEstimator.Options.BatchSize): options.BatchSize = 0; break;
            case nameof(SimSidEstimator.Options.Device): options.Device = "gpu"; break;
            default: options.InputColumnName = " "; break;
        }

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Pipelines.Estimator(_ml, options));

        Assert.Contains(message, error.Message);
        Assert.Equal($"Options.{option}", error.ParamName);
    }

    [Fact]
    public void InvalidModelOptions_FailListingEveryProblem()
    {
        var options = Pipelines.VectorOptions();
        options.ModelOptions = SimSidPresets.Tiny with
        {
            Network = SimSidPresets.Tiny.Network with { ImageSize = 40 },
            Scoring = SimSidPresets.Tiny.Scoring with { BatchSize = 0 },
        };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Pipelines.Estimator(_ml, options));

        Assert.Equal("Options.ModelOptions", error.ParamName);
        Assert.Contains("SimSID option ModelOptions, with the Epochs, BatchSize, Seed, Device and Scoring overrides applied, is invalid.", error.Message);
        Assert.Contains("Network.ImageSize 40 is not divisible by", error.Message);
        Assert.Contains("Scoring.BatchSize must be at least 1 (got 0).", error.Message);
    }

    [Fact]
    public void OutputColumnsWithTheSameName_FailNamingIt()
    {
        var options = Pipelines.VectorOptions();
        options.ReconstructionColumnName = "Score";

        var error = Assert.Throws<ArgumentException>(() => Pipelines.Estimator(_ml, options));

        Assert.Contains("'Score' is used twice", error.Message);
    }

    [Fact]
    public void DisposedTransformer_RefusesToTransform()
    {
        var transformer = Fitted();
        transformer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => transformer.Transform(_ml.Data.LoadFromEnumerable(TestImages.Rows(1, 0))));
    }
}
