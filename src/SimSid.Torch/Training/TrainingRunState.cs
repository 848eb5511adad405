using SimSid.Torch.Persistence;
using static TorchSharp.torch;

namespace SimSid.Torch.Training;

/// <summary>
/// Where a run stands — epochs completed, best validation AUC and its weights, early-stopping count —
/// and which training images it runs on; converts to and from a checkpoint's <see cref="TrainingSnapshot"/>.
/// </summary>
internal sealed class TrainingRunState
{
    private TrainingRunState(int imageCount, string fingerprint)
    {
        ImageCount = imageCount;
        Fingerprint = fingerprint;
    }

    public int ImageCount { get; }

    /// <summary>SHA-256 (hex) of the training images' pixels.</summary>
    public string Fingerprint { get; }

    public int EpochsCompleted { get; set; }

    public double? BestAuc { get; private set; }

    public int BestEpoch { get; private set; }

    public int ValidationsWithoutImprovement { get; private set; }

    private byte[]? BestGenerator { get; set; }

    private byte[]? BestDiscriminator { get; set; }

    private readonly List<EpochHalfAucs> halfAucs = [];

    /// <summary>The network modes' AUCs on the validation halves of every epoch validated so far (<see cref="ValidationHalves"/>).</summary>
    public IReadOnlyList<EpochHalfAucs> HalfAucs => halfAucs;

    /// <summary>The state of a new run on <paramref name="data"/>.</summary>
    public static TrainingRunState Start(ImageCache data) => new(data.Count, data.Fingerprint);

    /// <summary>The state of a run on <paramref name="data"/> continuing <paramref name="snapshot"/>; restores the optimisers.</summary>
    /// <exception cref="ModelFileException">The checkpoint was trained on other images, or its optimizer states do not fit.</exception>
    public static TrainingRunState Resume(ImageCache data, TrainingSnapshot snapshot, TrainingOptimizers optimizers)
    {
        var state = Start(data);
        if (snapshot.ImageCount != state.ImageCount || snapshot.DataFingerprint != state.Fingerprint)
            throw new ModelFileException(
                $"The checkpoint was trained on {snapshot.ImageCount} other images; resume on the same training images in the same order (this run has {state.ImageCount}).");
        state.EpochsCompleted = snapshot.EpochsCompleted;
        state.BestAuc = snapshot.BestAuc;
        state.BestEpoch = snapshot.BestEpoch;
        state.ValidationsWithoutImprovement = snapshot.ValidationsWithoutImprovement;
        state.BestGenerator = snapshot.BestGenerator;
        state.BestDiscriminator = snapshot.BestDiscriminator;
        state.halfAucs.AddRange(snapshot.ValidationHalfAucs ?? []);
        optimizers.Restore(snapshot.GeneratorOptimizer, snapshot.DiscriminatorOptimizer);
        return state;
    }

    /// <summary>
    /// Records the validation AUC of <paramref name="epoch"/>; a new best keeps the model's weights when
    /// <paramref name="keepWeights"/>.
    /// </summary>
    public void RecordValidation(double auc, int epoch, SimSidModel model, bool keepWeights)
    {
        if (BestAuc is not null && !(auc > BestAuc))
        {
            ValidationsWithoutImprovement++;
            return;
        }
        BestAuc = auc;
        BestEpoch = epoch;
        ValidationsWithoutImprovement = 0;
        if (keepWeights)
        {
            BestGenerator = ModelFile.ModuleBytes(model.Generator);
            BestDiscriminator = ModelFile.ModuleBytes(model.Discriminator);
        }
    }

    /// <summary>Records the network modes' AUCs on the validation halves of an epoch.</summary>
    public void RecordHalves(EpochHalfAucs aucs) => halfAucs.Add(aucs);

    /// <summary>Loads the best validation epoch's weights into <paramref name="model"/>, when they were kept.</summary>
    public void LoadBestWeights(SimSidModel model)
    {
        if (BestGenerator is null) return;
        ModelFile.LoadModule(model.Generator, BestGenerator, "best model", "generator");
        ModelFile.LoadModule(model.Discriminator, BestDiscriminator!, "best model", "discriminator");
    }

    public TrainingSnapshot Snapshot(TrainingOptimizers optimizers) => new()
    {
        EpochsCompleted = EpochsCompleted, ImageCount = ImageCount, DataFingerprint = Fingerprint,
        BestAuc = BestAuc, BestEpoch = BestEpoch, ValidationsWithoutImprovement = ValidationsWithoutImprovement,
        GeneratorOptimizer = optimizers.GeneratorState(), DiscriminatorOptimizer = optimizers.DiscriminatorState(),
        BestGenerator = BestGenerator, BestDiscriminator = BestDiscriminator, ValidationHalfAucs = [.. halfAucs],
    };
}
