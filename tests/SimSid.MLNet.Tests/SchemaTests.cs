using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using SimSid.MLNet.Tests.Support;
using SimSid.Torch;

namespace SimSid.MLNet.Tests;

public sealed class SchemaTests
{
    private static SimSidEstimator.Options AllOutputs(string input)
    {
        var options = Pipelines.VectorOptions();
        options.InputColumnName = input;
        options.ReconstructionColumnName = "Reconstruction";
        options.AnomalyMapColumnName = "AnomalyMap";
        return options;
    }

    private static void AssertAddedColumns(SchemaShape shape)
    {
        Assert.True(shape.TryFind("Score", out var score));
        Assert.Equal((SchemaShape.Column.VectorKind.Scalar, (DataViewType)NumberDataViewType.Single), (score.Kind, score.ItemType));
        Assert.True(shape.TryFind("PredictedLabel", out var label));
        Assert.Equal((SchemaShape.Column.VectorKind.Scalar, (DataViewType)BooleanDataViewType.Instance), (label.Kind, label.ItemType));
        foreach (var name in new[] { "Reconstruction", "AnomalyMap" })
        {
            Assert.True(shape.TryFind(name, out var pixels));
            Assert.Equal((SchemaShape.Column.VectorKind.Vector, (DataViewType)NumberDataViewType.Single), (pixels.Kind, pixels.ItemType));
        }
    }

    private static void AssertAddedColumns(DataViewSchema schema)
    {
        Assert.Equal(NumberDataViewType.Single, schema["Score"].Type);
        Assert.Equal(BooleanDataViewType.Instance, schema["PredictedLabel"].Type);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, TestImages.PixelCount), schema["Reconstruction"].Type);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, TestImages.PixelCount), schema["AnomalyMap"].Type);
        foreach (var (column, kind) in new[] { ("Score", "Score"), ("PredictedLabel", "PredictedLabel") })
        {
            ReadOnlyMemory<char> value = default;
            schema[column].Annotations.GetValue("ScoreColumnKind", ref value);
            Assert.Equal("AnomalyDetection", value.ToString());
            schema[column].Annotations.GetValue("ScoreValueKind", ref value);
            Assert.Equal(kind, value.ToString());
        }
    }

    [Fact]
    public void DefaultColumnNames_AreMLNetsLabelScoreAndPredictedLabel()
    {
        var options = new SimSidEstimator.Options();

        Assert.Equal(("Label", "Score", "PredictedLabel"),
            (SimSidCatalog.DefaultLabelColumnName, SimSidCatalog.DefaultScoreColumnName, SimSidCatalog.DefaultPredictedLabelColumnName));
        Assert.Equal(("Image", "Label", "Score", "PredictedLabel"),
            (options.InputColumnName, options.LabelColumnName, options.ScoreColumnName, options.PredictedLabelColumnName));
    }

    [Fact]
    public void EstimatorOutputSchema_VectorInput_AddsTheOutputColumns()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(TestImages.Rows(2, 0));
        var shape = Pipelines.Estimator(ml, AllOutputs(nameof(PixelRow.Pixels))).GetOutputSchema(Shapes.Of(data.Schema));

        AssertAddedColumns(shape);
        Assert.True(shape.TryFind(nameof(PixelRow.Pixels), out _));
        Assert.True(shape.TryFind(nameof(PixelRow.Label), out _));
    }

    [Fact]
    public void EstimatorOutputSchema_ImageInputFromLoadImages_AddsTheOutputColumns()
    {
        var ml = new MLContext(seed: 1);
        var paths = ml.Data.LoadFromEnumerable(new[] { new ImagePathRow { ImagePath = "a.png" } });
        var pipeline = ml.Transforms.LoadImages("Image", imageFolder: "", inputColumnName: nameof(ImagePathRow.ImagePath))
            .Append(Pipelines.Estimator(ml, AllOutputs("Image")));

        AssertAddedColumns(pipeline.GetOutputSchema(Shapes.Of(paths.Schema)));
    }

    [Fact]
    public void TransformerOutputSchema_BothInputKinds_MatchesTheTransformedDataAndTheEstimator()
    {
        var ml = new MLContext(seed: 1);
        var rows = TestImages.Rows(6, 2);
        var vectors = ml.Data.LoadFromEnumerable(rows);
        var images = ml.Data.LoadFromEnumerable(rows.Select(r => new ImageRow { Image = TestImages.ToImage(r.Pixels, 2), Label = r.Label }));

        foreach (var (data, input) in new[] { (vectors, nameof(PixelRow.Pixels)), (images, nameof(ImageRow.Image)) })
        {
            var estimator = Pipelines.Estimator(ml, AllOutputs(input));
            var transformer = estimator.Fit(data);
            var schema = transformer.GetOutputSchema(data.Schema);

            AssertAddedColumns(schema);
            Assert.Equal(schema.Select(c => (c.Name, c.Type)), transformer.Transform(data).Schema.Select(c => (c.Name, c.Type)));
            var fromEstimator = estimator.GetOutputSchema(Shapes.Of(data.Schema));
            Assert.Equal(Shapes.Of(schema).Select(c => (c.Name, c.Kind, c.ItemType)).OrderBy(c => c.Name),
                fromEstimator.Select(c => (c.Name, c.Kind, c.ItemType)).OrderBy(c => c.Name));
        }
    }

    [Fact]
    public void OutputColumns_NamedLikeInputColumns_HideThem()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(TestImages.Rows(6, 2));
        var options = Pipelines.VectorOptions();
        options.PredictedLabelColumnName = nameof(PixelRow.Label);
        var model = Pipelines.Estimator(ml, options).Fit(data);
        var scored = model.Transform(data);

        Assert.Equal(2, scored.Schema.Count(c => c.Name == nameof(PixelRow.Label)));
        Assert.Equal(scored.Schema.Count - 1, scored.Schema[nameof(PixelRow.Label)].Index);
        Assert.Equal(Scored.Scores(scored).Select(s => s >= model.Threshold), Scored.Bools(scored, nameof(PixelRow.Label)));
    }

    [Fact]
    public void CatalogExtension_PlainArguments_DescribeTheSameEstimatorAsOptions()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(new[] { new ImageRow() });
        var plain = ml.Transforms.SimSid(inputColumnName: "Image", preset: "small", epochs: 3, scoreColumnName: "AnomalyScore");

        var shape = plain.GetOutputSchema(Shapes.Of(data.Schema));

        Assert.Equal(SimSidPresets.Small with { Training = SimSidPresets.Small.Training with { Epochs = 3 } }, plain.ModelOptions);
        Assert.Equal(64, plain.ImageSize);
        Assert.True(shape.TryFind("AnomalyScore", out var score));
        Assert.Equal(NumberDataViewType.Single, score.ItemType);
        Assert.True(shape.TryFind("PredictedLabel", out _));
        Assert.False(shape.TryFind("Score", out _));
    }

    [Fact]
    public void CatalogDefaults_FollowMLNetColumnNamesAndTheDevicesRecipe()
    {
        var options = new SimSidEstimator.Options();

        Assert.Equal(("Image", "Label", "Score", "PredictedLabel"),
            (options.InputColumnName, options.LabelColumnName, options.ScoreColumnName, options.PredictedLabelColumnName));
        Assert.Null(options.ReconstructionColumnName);
        Assert.Null(options.AnomalyMapColumnName);
        Assert.Equal(SimSidPixelRange.ZeroToOne, options.PixelRange);
        // No preset named: the CPU recipe on a CPU, the paper's configuration on a CUDA device.
        var estimator = new MLContext(seed: 1).Transforms.SimSid();
        var expected = SimSidPresets.ForDevice(ComputeDevice.Best);
        Assert.Equal(expected, estimator.ModelOptions);
        // The CPU recipe's memories compare 128-pixel images: the estimator reads images at that side.
        Assert.Equal(expected.InputSize, estimator.ImageSize);
        Assert.Equal(ComputeDevice.Best == "cpu" ? "cpu" : "zhang", estimator.ModelOptions.Preset);
    }
}
