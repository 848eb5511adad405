// SimSID in an ML.NET pipeline, end to end:
//   LoadImages -> SimSid -> Evaluate -> Save -> Load -> PredictionEngine on one image.
// Usage: dotnet run --project examples/Quickstart -c Release -- [dataset folder] [preset] [epochs]
// Without a dataset folder it writes a small synthetic chest-radiograph set first.
using Microsoft.ML;
using Microsoft.ML.Data;
using SimSid.Data.Datasets;
using SimSid.Data.Synthetic;

string data = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "simsid-quickstart-data");
string preset = args.Length > 1 ? args[1] : "tiny";
int epochs = args.Length > 2 ? int.Parse(args[2]) : 3;

if (args.Length == 0 && !Directory.Exists(data))
{
    Console.WriteLine($"Writing a small synthetic dataset to {data}...");
    SyntheticDatasetWriter.Write(data, new SyntheticDatasetOptions { TrainNormal = 200, ValidationNormal = 10, ValidationAbnormal = 10, TestNormal = 40, TestAbnormal = 40 });
}

// Rows of (ImagePath, Label): SimSID trains on the training rows labelled normal (the cpu preset validates on those
// labelled abnormal, with a few normal ones); the test rows have both classes.
var dataset = DatasetReader.Open(data);
var train = dataset.Training.Select(r => new ImageRow { ImagePath = r.Path, Label = r.IsAbnormal }).ToList();
var test = dataset.Test.Select(r => new ImageRow { ImagePath = r.Path, Label = r.IsAbnormal }).ToList();

var mlContext = new MLContext(seed: 0);
mlContext.Log += ShowSimSidMessages;

var pipeline = mlContext.Transforms.LoadImages(outputColumnName: "Image", imageFolder: null, inputColumnName: nameof(ImageRow.ImagePath))
    .Append(mlContext.Transforms.SimSid(inputColumnName: "Image", preset: preset, epochs: epochs));

Console.WriteLine($"Training SimSID (preset {preset}, {epochs} epochs) on {train.Count(r => !r.Label)} normal images...");
var model = pipeline.Fit(mlContext.Data.LoadFromEnumerable(train));

// ML.NET's own evaluators read the Score column (higher = more anomalous) against the Label.
var scored = model.Transform(mlContext.Data.LoadFromEnumerable(test));
var binary = mlContext.BinaryClassification.EvaluateNonCalibrated(scored);
var anomaly = mlContext.AnomalyDetection.Evaluate(mlContext.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.Single).Fit(scored).Transform(scored));
Console.WriteLine($"Test ROC-AUC {binary.AreaUnderRocCurve:F3} (binary evaluator), {anomaly.AreaUnderRocCurve:F3} (anomaly evaluator); PR-AUC {binary.AreaUnderPrecisionRecallCurve:F3}.");

// The fitted pipeline, SimSID's weights included, goes into one model zip.
string zip = Path.Combine(Path.GetTempPath(), "simsid-quickstart.zip");
mlContext.Model.Save(model, mlContext.Data.LoadFromEnumerable(train).Schema, zip);
Console.WriteLine($"Saved {zip} ({new FileInfo(zip).Length / 1024} KiB).");

// A service loads the zip once; the first prediction of a model with a feature memory describes its remembered
// images first (about 30 s for 1,000 of them on 2 cores), and says so in the log.
var serving = new MLContext();
serving.Log += ShowSimSidMessages;
var reloaded = serving.Model.Load(zip, out _);
var engine = serving.Model.CreatePredictionEngine<ImageRow, Prediction>(reloaded);
var one = test.First(r => r.Label);
var verdict = engine.Predict(one);
Console.WriteLine($"{Path.GetFileName(one.ImagePath)} (abnormal): score {verdict.Score:F3}, predicted {(verdict.PredictedLabel ? "abnormal" : "normal")}.");

// SimSID's progress and choices, out of everything ML.NET logs.
static void ShowSimSidMessages(object? sender, LoggingEventArgs e)
{
    if (e.Message.Contains("SimSID: ")) Console.WriteLine(e.Message[e.Message.IndexOf("SimSID: ")..]);
}

/// <summary>An input row: the image's path and whether it is abnormal.</summary>
public sealed class ImageRow
{
    /// <summary>Path of the image file.</summary>
    public string ImagePath { get; set; } = "";

    /// <summary>True for abnormal images.</summary>
    public bool Label { get; set; }
}

/// <summary>SimSID's output columns.</summary>
public sealed class Prediction
{
    /// <summary>Anomaly score, higher = more anomalous.</summary>
    public float Score { get; set; }

    /// <summary>True when the score reaches the model's threshold.</summary>
    public bool PredictedLabel { get; set; }
}
