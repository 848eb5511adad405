using TorchSharp;
using SimSid.Torch.Evaluation;
using SimSid.Torch.Network;
using SimSid.Torch.Persistence;
using SimSid.Torch.Pretrained;
using static TorchSharp.torch;

namespace SimSid.Torch;

/// <summary>
/// A SimSID anomaly detector: generator and discriminator, the score calibration and the decision
/// threshold. Created untrained by <see cref="Create"/>, trained by <see cref="Training.SimSidTrainer"/>,
/// saved and loaded with <see cref="Save(Stream)"/> / <see cref="Load(Stream, string?, string)"/>.
/// Scoring is thread-safe and puts the networks in the modes it needs itself; training is not, and
/// scoring while another thread trains the model is not supported.
/// </summary>
public sealed class SimSidModel : IDisposable
{
    static SimSidModel() => NativeKernels.TurnOffNnpack();

    private SimSidModel(SimSidOptions options, Device device)
    {
        Options = options;
        Device = device;
        Generator = new SimSidGenerator(options.Network);
        Discriminator = new Discriminator(options.Network);
        if (device.type != DeviceType.CPU)
        {
            Generator.to(device);
            Discriminator.to(device);
        }
        PrepareForScoring();
    }

    /// <summary>Every hyperparameter the model was built and trained with.</summary>
    public SimSidOptions Options { get; internal set; }

    /// <summary>
    /// Side of the images the model takes (<see cref="SimSidOptions.InputSize"/>): the network's, or the memories' when
    /// they compare finer detail; the network then sees the images averaged down to its own side.
    /// </summary>
    public int InputSize => Options.InputSize;

    /// <summary>The device the model's tensors live on.</summary>
    public Device Device { get; }

    /// <summary>
    /// The generator (reconstructs images). Scoring keeps its blocks' weights folded with their normalisations; after
    /// changing its weights in place outside training mode, call <see cref="ResidualConvBlock.ForgetFoldedWeightsIn"/> on it.
    /// </summary>
    public SimSidGenerator Generator { get; }

    /// <summary>The discriminator (its logit on a reconstruction gives the score).</summary>
    public Discriminator Discriminator { get; }

    /// <summary>Raw-score statistics of training images in every scoring mode; null until training has finished.</summary>
    public ScoreCalibration? Calibration { get; internal set; }

    /// <summary>The decision threshold of each scoring mode and how it was chosen; null until training has finished.</summary>
    public IReadOnlyDictionary<ScoringMode, ThresholdSelection>? Thresholds { get; internal set; }

    /// <summary>The decision threshold of the options' scoring mode; null until training has finished.</summary>
    public ThresholdSelection? Threshold => ThresholdFor(Options.Scoring.Mode);

    /// <summary>The decision threshold of <paramref name="mode"/>; null when the model has none for it.</summary>
    public ThresholdSelection? ThresholdFor(ScoringMode mode) =>
        Thresholds is not null && Thresholds.TryGetValue(mode, out var threshold) ? threshold : null;

    /// <summary>Epochs this model was trained for (0 when untrained or imported).</summary>
    public int EpochsTrained { get; internal set; }

    /// <summary>
    /// The normal training patches <see cref="ScoringMode.PatchMemory"/> compares with; null until training has
    /// finished, and in models saved before that mode existed.
    /// </summary>
    public PatchMemory? PatchMemory
    {
        get => patchMemory;
        internal set
        {
            lock (featureMemoryLock)
            {
                foreach (var memory in featureMemories.Values) memory.Dispose();
                featureMemories.Clear();
                patchMemory = value;
            }
        }
    }

    private PatchMemory? patchMemory;

    /// <summary>
    /// The memory <see cref="ScoringMode.FeatureMemory"/> compares with: the patch memory's images described by
    /// pretrained ResNet-18 features, built on first use. Null without a patch memory, without the pretrained
    /// weights (<see cref="PretrainedResNet18.WeightsPath"/>) or when <see cref="ScoringOptions.FeatureMemory"/> is off.
    /// </summary>
    public PatchMemory? FeatureMemory => FeatureMemoryOf(FeatureStage(ScoringMode.FeatureMemory));

    /// <summary>
    /// The memory <see cref="ScoringMode.FeatureMemoryMean"/> compares with: <see cref="FeatureMemory"/>, or, when
    /// <see cref="ScoringOptions.FeatureMemoryMeanStage"/> is the third stage, the same images described by that stage's
    /// features, built on first use. Null when <see cref="FeatureMemory"/> would be.
    /// </summary>
    public PatchMemory? MeanFeatureMemory => FeatureMemoryOf(FeatureStage(ScoringMode.FeatureMemoryMean));

    private PatchMemory? FeatureMemoryOf(ResNetStage stage)
    {
        lock (featureMemoryLock)
        {
            BuildFeatureMemories([stage]);
            return featureMemories.GetValueOrDefault(stage);
        }
    }

    /// <summary>
    /// Builds the memories <paramref name="modes"/> read that are not built yet, describing the remembered images once
    /// for all of them (one pass of the pretrained network for both of its stages). Scoring does this on first use;
    /// call it first to say so before the minute it can take: <paramref name="beforeDescribing"/> receives the number of
    /// images (<see cref="ImagesToDescribe"/>) just before they are described, and is not called when nothing is. Call
    /// outside any dispose scope, which would free them.
    /// </summary>
    public void BuildMemories(IEnumerable<ScoringMode> modes, Action<int>? beforeDescribing = null) =>
        BuildFeatureMemories(FeatureStagesOf(modes), beforeDescribing);

    // The stages whose features the feature-memory parts of the modes compare.
    private IEnumerable<ResNetStage> FeatureStagesOf(IEnumerable<ScoringMode> modes) =>
        ScoringModes.MemoryPartsOf(modes).Where(part => part != ScoringMode.PatchMemory).Select(FeatureStage);

    // The stage whose features a feature-memory mode compares.
    private ResNetStage FeatureStage(ScoringMode part) => part == ScoringMode.FeatureMemory ? ResNetStage.Second : Options.Scoring.FeatureMemoryMeanStage;

    private void BuildFeatureMemories(IEnumerable<ResNetStage> stages, Action<int>? beforeDescribing = null)
    {
        lock (featureMemoryLock)
        {
            if (!CanHaveFeatureMemories) return;
            var missing = stages.Distinct().Where(stage => !featureMemories.ContainsKey(stage)).ToList();
            if (missing.Count == 0) return;
            beforeDescribing?.Invoke(patchMemory.Count);
            // Up to the last stage any memory reads, whatever the options become (they may change on resume); each
            // forward pass stops at the last stage its memories read.
            resNet ??= PretrainedResNet18.Load(PretrainedResNet18.WeightsPath, Device, ResNetStage.Third);
            var built = patchMemory.DescribedBy([.. missing.Select(stage => new PretrainedFeatures(resNet, stage))]);
            for (int i = 0; i < missing.Count; i++) featureMemories[missing[i]] = built[i];
        }
    }

    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(patchMemory))]
    private bool CanHaveFeatureMemories => patchMemory is not null && Options.Scoring.FeatureMemory && PretrainedResNet18.IsAvailable;

    /// <summary>
    /// Remembered training images that the pretrained network will describe before the first score in one of
    /// <paramref name="modes"/> (<see cref="BuildMemories"/>; about a minute for 1,000 images on 2 CPU cores); 0 when
    /// the memories those modes read are built, or when none of them is a feature memory the model has.
    /// </summary>
    public int ImagesToDescribe(IEnumerable<ScoringMode> modes)
    {
        lock (featureMemoryLock)
            return CanHaveFeatureMemories && FeatureStagesOf(modes).Any(stage => !featureMemories.ContainsKey(stage)) ? patchMemory.Count : 0;
    }

    /// <summary>Describing <paramref name="images"/> remembered images (<see cref="ImagesToDescribe"/>), in words, for a progress line.</summary>
    public static string DescribingInWords(int images) =>
        $"The feature memory describes its {images:N0} remembered training images with the pretrained network (once)";

    private readonly object featureMemoryLock = new();
    // The feature memories built so far, by the stage whose features they compare.
    private readonly Dictionary<ResNetStage, PatchMemory> featureMemories = [];
    private PretrainedResNet18? resNet;

    /// <summary>The scoring modes this model can compute: the network modes, and each memory it has.</summary>
    public IReadOnlyList<ScoringMode> AvailableModes
    {
        get
        {
            // Whether a memory exists is known once it is built: all of them at once, which describes the remembered images once.
            BuildMemories(ScoringModes.All);
            return [.. ScoringModes.All.Where(m => !m.IsMemory() || m.MemoryParts().All(part => MemoryFor(part) is not null))];
        }
    }

    /// <summary>The memory a single-memory mode compares with (<see cref="PatchMemory"/> or <see cref="FeatureMemory"/>); null when the model has none.</summary>
    internal PatchMemory? MemoryFor(ScoringMode mode) => mode switch
    {
        ScoringMode.PatchMemory => PatchMemory,
        ScoringMode.FeatureMemory => FeatureMemory,
        ScoringMode.FeatureMemoryMean => MeanFeatureMemory,
        _ => throw new ArgumentException($"{mode} is not a single-memory mode.", nameof(mode)),
    };

    /// <summary>
    /// The single-memory modes that read the same memory as single-memory mode <paramref name="mode"/>, itself included,
    /// each summing up the same distances its own way (<see cref="ScoringModes.Summary"/>): the feature memory's two,
    /// unless the mean mode has a memory of its own (<see cref="ScoringOptions.FeatureMemoryMeanStage"/>).
    /// </summary>
    internal IReadOnlyList<ScoringMode> SameMemory(ScoringMode mode) =>
        mode is ScoringMode.FeatureMemory or ScoringMode.FeatureMemoryMean && Options.Scoring.FeatureMemoryMeanStage == ResNetStage.Second
            ? [ScoringMode.FeatureMemory, ScoringMode.FeatureMemoryMean]
            : [mode];

    /// <summary>
    /// The normal statistics of a single-memory mode's raw scores: the stored calibration's, or, before the model is
    /// calibrated (validation during training), the same statistics computed from the memory (kept by it).
    /// </summary>
    internal LogitStatistics MemoryStatistics(ScoringMode mode)
    {
        if (Calibration is { } calibration && calibration.Supports(mode)) return calibration.For(mode);
        var memory = RequireMemory(mode);
        return LogitStatistics.Of([.. memory.RememberedRawScores(Math.Min(Options.Scoring.CalibrationImages, memory.Count), Options.Scoring.BatchSize, mode.Summary())]);
    }

    /// <summary>
    /// Each scoring mode's ROC-AUC on the validation set, with the weights the training kept; null when the
    /// model was trained without one. With <see cref="ScoringOptions.ChooseModeOnValidation"/> the model's mode
    /// is the best of these, and when the epoch kept was chosen on the validation set the network's modes have their
    /// cross-fitted AUCs (<see cref="CrossFittedNetworkAucs"/>).
    /// </summary>
    public IReadOnlyDictionary<ScoringMode, double>? ValidationAucs { get; internal set; }

    /// <summary>
    /// True when the network modes' <see cref="ValidationAucs"/> are cross-fitted: the epoch kept was the one of several that
    /// they did best on the validation images, which flatters their AUCs beside the memories', so each half of those images chose an epoch and
    /// the other half measured it, and each mode's AUC is the mean of the two.
    /// </summary>
    public bool CrossFittedNetworkAucs { get; internal set; }

    /// <summary>How many normal and abnormal images <see cref="ValidationAucs"/> were measured on; null when unknown (no validation, or an older file).</summary>
    public ValidationCounts? ValidationCounts { get; internal set; }

    /// <summary>
    /// What to tell the user when the scoring mode was chosen on too few validation images to choose reliably
    /// (<see cref="ScoringModes.UncertainChoiceWarning"/>); null when it was not chosen, or on enough of them.
    /// </summary>
    public string? UncertainChoiceWarning =>
        Options.Scoring.ChooseModeOnValidation && ValidationAucs is { } aucs && aucs.ContainsKey(Options.Scoring.Mode) && ValidationCounts is { Normal: > 0, Abnormal: > 0 } counts
            ? ScoringModes.UncertainChoiceWarning(aucs, Options.Scoring.Mode, counts.Abnormal, counts.Normal)
            : null;

    /// <summary>True when the model can score: calibrated and thresholded.</summary>
    public bool IsReady => Calibration is not null && Threshold is not null;

    /// <summary>Creates an untrained model, initialised from <c>Options.Seed</c>, on <c>Options.Device</c>.</summary>
    public static SimSidModel Create(SimSidOptions options)
    {
        options.Validate();
        var device = ComputeDevice.Resolve(options.Device);
        // Module initialisers draw from torch's process-wide generator: seeding it and building the
        // modules must not interleave with another thread's model construction.
        lock (ConstructionLock)
        {
            manual_seed(options.Seed);
            return new SimSidModel(options, device);
        }
    }

    private static readonly object ConstructionLock = new();

    /// <summary>
    /// Scores images (row-major S x S grayscale pixels in [0, 1]) in the options' scoring mode, or in
    /// <paramref name="mode"/> when given; <see cref="AnomalyScore.IsAnomalous"/> uses that mode's threshold.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model is not calibrated yet, or the network produced NaN/Inf.</exception>
    public AnomalyScore[] Score(IReadOnlyList<float[]> images, ScoringMode? mode = null)
    {
        var scored = mode ?? Options.Scoring.Mode;
        return ScoreEach(images, [scored])[scored];
    }

    /// <summary>
    /// Scores images as <see cref="Score"/> does and also returns their reconstructions (pixels in [0, 1]) and
    /// anomaly maps (S x S, larger = more anomalous): the signal the mode's score is read from — the patch
    /// distances for the patch memory, the smoothed squared reconstruction error otherwise (the discriminator
    /// gives one value per image, so its modes show the reconstruction error).
    /// </summary>
    public ScoredImages ScoreInDetail(IReadOnlyList<float[]> images, ScoringMode? mode = null) => ScoreWithDetail(images, mode);

    /// <summary>
    /// The raw scores (N) of images and their reconstructions under <paramref name="mode"/>: discriminator
    /// logits, reconstruction errors or memory distances. Checks they are finite. The memories need no
    /// reconstruction (null).
    /// </summary>
    /// <param name="images">The images.</param>
    /// <param name="reconstruction">Their reconstructions, or null when only memories are asked for.</param>
    /// <param name="mode">The mode.</param>
    /// <param name="known">
    /// Raw scores of these images already computed, by mode (<see cref="ScoreMemoriesTogether"/> computes every memory
    /// mode's at once); the mode's (and those it is made of) are added.
    /// </param>
    internal Tensor RawScores(Tensor images, Tensor? reconstruction, ScoringMode mode, Dictionary<ScoringMode, Tensor>? known = null) =>
        RawScoresAndMaps(images, reconstruction, mode, withMaps: false, known).RawScores;

    /// <summary>
    /// The raw scores (N) and, when asked, the anomaly maps (N, 1, S, S) of images and their reconstructions
    /// under <paramref name="mode"/> (see <see cref="ScoreInDetail"/>); a memory's distances are computed once for both.
    /// </summary>
    internal (Tensor RawScores, Tensor? Maps) RawScoresAndMaps(Tensor images, Tensor? reconstruction, ScoringMode mode, bool withMaps,
        Dictionary<ScoringMode, Tensor>? known = null)
    {
        if (!withMaps && known is not null && known.TryGetValue(mode, out var wasKnown)) return (wasKnown, null);
        // Memories compare the images as given; the network's scores compare its reconstruction with what it saw.
        Tensor raw;
        Tensor? maps = null;
        if (mode.IsCombination())
        {
            var parts = mode.MemoryParts();
            var partRaw = new List<Tensor>();
            var partMaps = new List<Tensor>();
            foreach (var part in parts)
            {
                var (r, m) = RawScoresAndMaps(images, reconstruction, part, withMaps, known);
                partRaw.Add(r);
                if (m is not null) partMaps.Add(m);
            }
            var statistics = parts.Select(MemoryStatistics).ToList();
            raw = MemoriesScore.Combine(partRaw, statistics);
            if (withMaps) maps = MemoriesScore.Combine(partMaps, statistics);
        }
        else if (mode.IsMemory())
        {
            var memory = RequireMemory(mode);
            using var distances = memory.DistanceMaps(images);
            raw = memory.RawScores(distances, mode.Summary());
            if (withMaps) maps = memory.PixelMaps(distances);
        }
        else
        {
            ArgumentNullException.ThrowIfNull(reconstruction);
            var seen = NetworkInput(images);
            raw = mode switch
            {
                ScoringMode.Paper => Discriminator.ForwardPerImage(reconstruction).view(-1),
                ScoringMode.DiscriminatorEvalMode => Discriminator.call(reconstruction).view(-1),
                _ => ReconstructionErrorScore.Compute(seen, reconstruction),
            };
            if (withMaps) maps = AtInputSize(ReconstructionErrorScore.Map(seen, reconstruction));
        }
        if (!isfinite(raw).all().item<bool>())
            throw new InvalidOperationException(
                "The network produced NaN or infinite scores: the weights are corrupt or training diverged (check the losses; lower the learning rate)."
                + NativeKernels.DivergenceHint);
        if (known is not null) known[mode] = raw;
        return (raw, maps);
    }

    /// <summary>
    /// Images (B, 1, I, I) at the side the network takes: averaged over blocks of pixels when the model takes larger
    /// images (<see cref="InputSize"/>) for its memories, as they are otherwise.
    /// </summary>
    internal Tensor NetworkInput(Tensor images)
    {
        long factor = images.shape[^1] / Options.Network.ImageSize;
        return factor == 1 ? images : nn.functional.avg_pool2d(images, factor);
    }

    /// <summary>Network-side images or maps (B, 1, S, S) at the side the model takes (bilinear), for detailed results.</summary>
    private Tensor AtInputSize(Tensor images) => images.shape[^1] == InputSize ? images
        : nn.functional.interpolate(images, [InputSize, InputSize], mode: InterpolationMode.Bilinear, align_corners: false);

    private PatchMemory RequireMemory(ScoringMode mode) => MemoryFor(mode) ?? throw new InvalidOperationException(
        mode == ScoringMode.PatchMemory
            ? "This model holds no patch memory (it was saved before the patch-memory score existed); calibrate it again or score it in another mode."
        : PatchMemory is null
            ? "This model holds no remembered training images (it was saved before the memory scores existed); calibrate it again or score it in another mode."
            : $"The model cannot score in the {mode.Describe()}: {Training.TrainingInputChecks.FeatureMemoryUnavailable(Options.Scoring)}");

    /// <summary>
    /// Scores images in each of <paramref name="modes"/>, as <see cref="Score"/> would one mode at a time, sharing the
    /// work the modes have in common: each image is reconstructed once, and each memory's distances are computed once.
    /// </summary>
    /// <exception cref="InvalidOperationException">As <see cref="Score"/>, for any of the modes.</exception>
    public IReadOnlyDictionary<ScoringMode, AnomalyScore[]> ScoreEach(IReadOnlyList<float[]> images, IReadOnlyList<ScoringMode> modes)
    {
        var thresholds = modes.Distinct().ToDictionary(m => m, ScoringThreshold);
        var raw = RawScoresInBatches(images.Count, (start, count) => ImageTensors.FromPixels(images, InputSize, start, count, Device), [.. thresholds.Keys]);
        return thresholds.Select((t, m) => (t.Key, Scores: Calibrated(raw[m], t.Key, t.Value))).ToDictionary(x => x.Key, x => x.Scores);
    }

    /// <summary>
    /// Raw scores of <paramref name="n"/> images, one array per mode asked for, networks in scoring mode and left in
    /// the modes they were in: each image is reconstructed once (not at all when only memories are asked for), and
    /// each memory's distances are computed once.
    /// </summary>
    /// <param name="n">The number of images.</param>
    /// <param name="batchAt">Images start..+count as a (count, 1, S, S) tensor in [-1, 1], disposed by the caller's scope.</param>
    /// <param name="modes">The modes to score in.</param>
    internal double[][] RawScoresInBatches(int n, Func<int, int, Tensor> batchAt, IReadOnlyList<ScoringMode> modes)
    {
        // The feature memories are built on first use: here, not inside a batch's dispose scope, which would free them.
        BuildMemories(modes);
        var memoryParts = ScoringModes.MemoryPartsOf(modes);
        using var networkModes = EnterScoringMode();
        var result = modes.Select(_ => new double[n]).ToArray();
        int batchSize = Options.Scoring.BatchSize;
        using var noGradient = no_grad();
        for (int start = 0; start < n; start += batchSize)
        {
            using var scope = NewDisposeScope();
            int count = Math.Min(batchSize, n - start);
            var batch = batchAt(start, count).to(Device);
            var reconstruction = modes.All(m => m.IsMemory()) ? null : Generator.Reconstruct(NetworkInput(batch));
            var known = new Dictionary<ScoringMode, Tensor>();
            if (memoryParts.Count > 0) ScoreMemoriesTogether(batch, memoryParts, known);
            for (int m = 0; m < modes.Count; m++)
            {
                var values = RawScores(batch, reconstruction, modes[m], known).to(CPU).data<float>().ToArray();
                for (int i = 0; i < count; i++) result[m][start + i] = values[i];
            }
        }
        return result;
    }

    /// <summary>
    /// Adds to <paramref name="known"/> the raw scores of images in every single-memory mode that reads a memory of
    /// <paramref name="modes"/>: each memory's distances are computed once for every mode that sums them up, and the
    /// images are described for all those memories at once (<see cref="PlaceDescription.Each"/>: one pass of the
    /// pretrained network for both of its stages).
    /// </summary>
    private void ScoreMemoriesTogether(Tensor images, IReadOnlyList<ScoringMode> modes, Dictionary<ScoringMode, Tensor> known)
    {
        var memories = modes.Select(RequireMemory).Distinct().ToList();
        var described = PlaceDescription.Each(images.to(ScalarType.Float32), [.. memories.Select(memory => memory.Descriptors)]);
        for (int i = 0; i < memories.Count; i++)
        {
            using var distances = memories[i].DistanceMapsOfDescribed(described[i]);
            foreach (var mode in modes.Where(m => MemoryFor(m) == memories[i]).SelectMany(SameMemory).Distinct())
                known.TryAdd(mode, memories[i].RawScores(distances, mode.Summary()));
        }
    }

    /// <summary>The decision threshold of <paramref name="mode"/>, after checking that the model can score in it.</summary>
    private double ScoringThreshold(ScoringMode mode)
    {
        if (Calibration is null || Threshold is null)
            throw new InvalidOperationException("This model has not been trained to the end (no score calibration or threshold); train it with SimSidTrainer, or load a finished model.");
        // Says why a memory is missing, before its threshold is looked for.
        foreach (var part in mode.IsMemory() ? mode.MemoryParts() : []) RequireMemory(part);
        return ThresholdFor(mode)?.Threshold ?? throw new InvalidOperationException(
            $"This model stores no decision threshold for {mode} scoring (it was saved before thresholds were kept for every mode); score it in its own mode, {Options.Scoring.Mode}, or calibrate it again.");
    }

    /// <summary>The anomaly scores of raw scores under <paramref name="mode"/>.</summary>
    private AnomalyScore[] Calibrated(IEnumerable<double> raw, ScoringMode mode, double threshold) =>
        [.. raw.Select(r =>
        {
            double score = Calibration!.Score(r, mode);
            return new AnomalyScore(score, r, score >= threshold);
        })];

    private ScoredImages ScoreWithDetail(IReadOnlyList<float[]> images, ScoringMode? requested)
    {
        var mode = requested ?? Options.Scoring.Mode;
        double threshold = ScoringThreshold(mode);
        int batchSize = Options.Scoring.BatchSize;
        var scores = new AnomalyScore[images.Count];
        var reconstructions = new float[images.Count][];
        var anomalyMaps = new float[images.Count][];
        using var _ = no_grad();
        using var networkModes = EnterScoringMode();
        for (int start = 0; start < images.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            int count = Math.Min(batchSize, images.Count - start);
            var batch = ImageTensors.FromPixels(images, InputSize, start, count, Device);
            // The memories score without the generator; a detailed result shows the reconstruction all the same.
            var reconstruction = Generator.Reconstruct(NetworkInput(batch));
            var (raw, maps) = RawScoresAndMaps(batch, reconstruction, mode, withMaps: true);
            Calibrated(raw.to(CPU).data<float>().ToArray().Select(r => (double)r), mode, threshold).CopyTo(scores, start);
            ImageTensors.ToPixels(AtInputSize(reconstruction)).CopyTo(reconstructions, start);
            ImageTensors.Rows(maps!).CopyTo(anomalyMaps, start);
        }
        return new ScoredImages(scores, reconstructions, anomalyMaps);
    }

    /// <summary>Puts both networks in eval mode (the generator reconstructs, the discriminator scores).</summary>
    internal void PrepareForScoring()
    {
        Generator.eval();
        Discriminator.eval();
    }

    /// <summary>
    /// Puts the networks in the modes every scoring mode needs until the returned scope is disposed, then
    /// back in the modes they were in, so scoring is right whoever calls it and a trainer's train mode
    /// survives a validation or a calibration. The generator goes to eval mode: in train mode its
    /// BatchNorms would normalise with the batch's statistics and update their running ones, its masked
    /// shortcuts would draw random masks and its in-painting block would keep vectors for the memory
    /// queues. The discriminator goes to eval mode too: <see cref="ScoringMode.DiscriminatorEvalMode"/>
    /// normalises with its running statistics, which a training-mode discriminator would replace with the
    /// batch's and update; the paper's per-image normalisation and the reconstruction error do not depend
    /// on its mode.
    /// </summary>
    internal NetworkModes EnterScoringMode()
    {
        var found = new NetworkModes(this, Generator.training, Discriminator.training);
        if (found.GeneratorWasTraining) Generator.eval();
        if (found.DiscriminatorWasTraining) Discriminator.eval();
        return found;
    }

    /// <summary>The train/eval modes the networks were in before scoring; disposing restores them.</summary>
    internal readonly record struct NetworkModes(SimSidModel Model, bool GeneratorWasTraining, bool DiscriminatorWasTraining) : IDisposable
    {
        /// <summary>Puts the networks back in the modes they were in.</summary>
        public void Dispose()
        {
            if (GeneratorWasTraining) Model.Generator.train();
            if (DiscriminatorWasTraining) Model.Discriminator.train();
        }
    }

    /// <summary>Writes the model (options, weights, calibration, threshold) to <paramref name="stream"/>.</summary>
    public void Save(Stream stream) => ModelFile.Write(stream, this, training: null);

    /// <summary>Writes the model to a file, atomically (a partial write never replaces a good file).</summary>
    public void Save(string path) => ModelFile.WriteAtomically(path, stream => Save(stream));

    /// <summary>Reads a model (or the model inside a training checkpoint) from <paramref name="stream"/>.</summary>
    /// <param name="stream">The model's bytes.</param>
    /// <param name="device">Device to load onto; null uses the device stored in the model's options when available, else the CPU.</param>
    /// <param name="source">Name of the stream's origin for error messages (a path, a zip entry).</param>
    public static SimSidModel Load(Stream stream, string? device = null, string source = "stream") =>
        ModelFile.Read(stream, source, device).Model;

    /// <summary>Reads a model (or the model inside a training checkpoint) from a file.</summary>
    public static SimSidModel Load(string path, string? device = null)
    {
        using var stream = ModelFile.OpenRead(path);
        return Load(stream, device, path);
    }

    /// <summary>Creates the model described by a file header; used by the file reader.</summary>
    internal static SimSidModel Restore(SimSidOptions options, string? device)
    {
        var effective = device is null ? options with { Device = DeviceOrCpu(options.Device) } : options with { Device = device };
        effective.Validate();
        var resolved = ComputeDevice.Resolve(effective.Device);
        // Its random initial weights are overwritten, but drawing them must not break a seeded Create.
        lock (ConstructionLock) return new SimSidModel(effective, resolved);
    }

    private static string DeviceOrCpu(string stored) => stored.StartsWith("cuda", StringComparison.Ordinal) && !cuda.is_available() ? "cpu" : stored;

    /// <inheritdoc/>
    public void Dispose()
    {
        PatchMemory?.Dispose();
        PatchMemory = null;
        resNet?.Dispose();
        Generator.Inpainting.ForgetWindowVectors();
        Generator.Dispose();
        Discriminator.Dispose();
    }
}
