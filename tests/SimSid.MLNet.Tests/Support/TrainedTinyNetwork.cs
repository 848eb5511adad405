using Microsoft.ML;
using SimSid.MLNet.Modeling;
using SimSid.Torch;

namespace SimSid.MLNet.Tests.Support;

/// <summary>
/// The real SimSID network, trained once through the estimator (tiny preset, <see cref="Pipelines.RealEpochs"/>
/// epochs, reconstruction and anomaly map columns on) and saved in a model zip; shared by the tests of
/// <see cref="RealNetworkCollection"/>, which compare everything against this one model and so do not
/// depend on training being repeatable.
/// </summary>
public sealed class TrainedTinyNetwork : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("simsid-mlnet-network-").FullName;
    private readonly List<string> _log = [];

    public TrainedTinyNetwork()
    {
        ML.Log += (_, e) => { lock (_log) _log.Add(e.Message); };
        var options = Pipelines.VectorOptions();
        options.ReconstructionColumnName = "Reconstruction";
        options.AnomalyMapColumnName = "AnomalyMap";
        options.ProgressCallback = Progress.Add;
        Estimator = Pipelines.RealEstimator(ML, options);
        var data = ML.Data.LoadFromEnumerable(TrainingRows);
        Transformer = Estimator.Fit(data);
        ZipPath = Path.Combine(_folder, "model.zip");
        ML.Model.Save(Transformer, data.Schema, ZipPath);
    }

    public MLContext ML { get; } = new(seed: 1);

    /// <summary>40 normal rows to train on and 8 anomalous ones the estimator must leave out.</summary>
    public List<PixelRow> TrainingRows { get; } = TestImages.Rows(normal: 40, anomalous: 8, seed: 11);

    /// <summary>
    /// Unseen rows: 12 normal, 12 with a bright blob, and the negatives of 4 normal images, which even a
    /// briefly trained network finds anomalous.
    /// </summary>
    public List<PixelRow> TestRows { get; } =
    [
        .. TestImages.Rows(normal: 12, anomalous: 12, seed: 12),
        .. TestImages.Rows(normal: 4, anomalous: 0, seed: 13).Select(TestImages.Negative),
    ];

    public SimSidEstimator Estimator { get; }

    public SimSidTransformer Transformer { get; }

    /// <summary>The SimSid.Torch model inside <see cref="Transformer"/>.</summary>
    public SimSidModel Network => Assert.IsType<TorchSimSidModel>(Transformer.Model).Model;

    /// <summary>A model zip of <see cref="Transformer"/>; copy it before changing it.</summary>
    public string ZipPath { get; }

    /// <summary>The progress callback's reports during training.</summary>
    public List<SimSidTrainingProgress> Progress { get; } = [];

    /// <summary>What the MLContext logged during training.</summary>
    public IReadOnlyList<string> Log
    {
        get { lock (_log) return _log.ToList(); }
    }

    public float[][] TestPixels => TestRows.Select(r => r.Pixels).ToArray();

    public bool[] TestLabels => TestRows.Select(r => r.Label).ToArray();

    public IDataView ScoreTestRows(MLContext? ml = null, ITransformer? transformer = null) =>
        (transformer ?? Transformer).Transform((ml ?? ML).Data.LoadFromEnumerable(TestRows));

    /// <summary>A fresh temporary folder, deleted with the fixture.</summary>
    public string NewFolder() => Directory.CreateDirectory(Path.Combine(_folder, Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose()
    {
        Transformer.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>The tests that share one <see cref="TrainedTinyNetwork"/>; they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class RealNetworkCollection : ICollectionFixture<TrainedTinyNetwork>
{
    public const string Name = "Real SimSID network";
}
