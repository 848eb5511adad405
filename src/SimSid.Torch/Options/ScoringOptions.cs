namespace SimSid.Torch;

/// <summary>How an image's anomaly score is computed from the trained networks.</summary>
public enum ScoringMode
{
    /// <summary>
    /// The paper's score: the discriminator's logit on the reconstruction, with the discriminator's
    /// BatchNorm layers normalising each image with its own statistics, as the reference does by scoring
    /// one image at a time without switching the discriminator to eval mode. Results do not depend on the
    /// batch size (up to float rounding).
    /// </summary>
    Paper,

    /// <summary>A variant of the paper's score: the discriminator in eval mode, normalising with its running statistics.</summary>
    DiscriminatorEvalMode,

    /// <summary>
    /// Not the paper's score: how badly the student decoder rebuilds the image, without the discriminator.
    /// The squared difference between image and reconstruction is smoothed with a Gaussian (sigma S/64
    /// pixels) and the largest 1 % of the smoothed map is averaged, so a small abnormal region counts
    /// fully instead of being diluted by the whole image.
    /// </summary>
    ReconstructionError,

    /// <summary>
    /// Not the paper's score, and no network: how far the image's most unusual patch is from every patch of
    /// the normal training images seen at about the same place (see <see cref="SimSid.Torch.PatchMemory"/>).
    /// </summary>
    PatchMemory,

    /// <summary>
    /// Not the paper's score, and no trained network: as <see cref="PatchMemory"/>, with the places described by
    /// an ImageNet-trained ResNet-18's features (see <see cref="SimSid.Torch.PretrainedFeatures"/>) instead of pixels.
    /// Needs the pretrained weights (<see cref="SimSid.Torch.Pretrained.PretrainedResNet18.WeightsPath"/>).
    /// </summary>
    FeatureMemory,

    /// <summary>
    /// Not the paper's score: both memories at once. Each memory's raw score is standardised by its distances among
    /// the normal training images (as its own score is), and the two are averaged: pixels see changes of density,
    /// the pretrained features changes of texture, and an image unusual in either stands out.
    /// </summary>
    Memories,

    /// <summary>
    /// Not the paper's score: the feature memory's distances averaged over every scored place instead of taken at the
    /// most unusual one. A diffuse finding (a pneumonia's opacity) moves many places a little rather than one place a
    /// lot, and a mean over the image sees it where the most unusual place does not; a focal finding (a nodule) is
    /// diluted by it. <see cref="ScoringOptions.FeatureMemoryMeanStage"/> may give it a memory of the network's coarser
    /// third-stage features instead.
    /// </summary>
    FeatureMemoryMean,

    /// <summary>
    /// Not the paper's score: <see cref="FeatureMemory"/> and <see cref="FeatureMemoryMean"/> at once, each standardised by
    /// its distances among the normal training images and averaged (as <see cref="Memories"/> combines its two). The most
    /// unusual place sees a focal finding, the mean over the image a diffuse one; an image unusual in either stands out.
    /// </summary>
    FocalAndDiffuse,
}

/// <summary>Facts about each <see cref="ScoringMode"/>.</summary>
public static class ScoringModes
{
    /// <summary>Every mode, the paper's first.</summary>
    public static IReadOnlyList<ScoringMode> All { get; } =
        [ScoringMode.Paper, ScoringMode.DiscriminatorEvalMode, ScoringMode.ReconstructionError, ScoringMode.PatchMemory, ScoringMode.FeatureMemory, ScoringMode.Memories,
         ScoringMode.FeatureMemoryMean, ScoringMode.FocalAndDiffuse];

    /// <summary>The modes that compare with remembered training images instead of using the networks.</summary>
    public static bool IsMemory(this ScoringMode mode) =>
        mode is ScoringMode.PatchMemory or ScoringMode.FeatureMemory or ScoringMode.Memories or ScoringMode.FeatureMemoryMean or ScoringMode.FocalAndDiffuse;

    /// <summary>Whether the mode compares pretrained ImageNet features (alone or beside pixels), and so needs their weights.</summary>
    public static bool UsesFeatureMemory(this ScoringMode mode) => mode.IsMemory() && mode != ScoringMode.PatchMemory;

    /// <summary>How a single-memory mode sums up an image's distance map: the mean over the scored places, or the most unusual place.</summary>
    public static DistanceSummary Summary(this ScoringMode mode) => mode == ScoringMode.FeatureMemoryMean ? DistanceSummary.Mean : DistanceSummary.MostUnusualPlace;

    /// <summary>
    /// The single-memory modes a memory mode is made of: itself, or the two a combination (<see cref="ScoringMode.Memories"/>,
    /// <see cref="ScoringMode.FocalAndDiffuse"/>) standardises and averages.
    /// </summary>
    public static IReadOnlyList<ScoringMode> MemoryParts(this ScoringMode mode) => mode switch
    {
        ScoringMode.Memories => [ScoringMode.PatchMemory, ScoringMode.FeatureMemory],
        ScoringMode.FocalAndDiffuse => [ScoringMode.FeatureMemory, ScoringMode.FeatureMemoryMean],
        ScoringMode.PatchMemory or ScoringMode.FeatureMemory or ScoringMode.FeatureMemoryMean => [mode],
        _ => throw new ArgumentException($"{mode} is not a memory mode.", nameof(mode)),
    };

    /// <summary>The single-memory modes that <paramref name="modes"/> read (<see cref="MemoryParts"/> of each memory mode), each once.</summary>
    public static IReadOnlyList<ScoringMode> MemoryPartsOf(IEnumerable<ScoringMode> modes) =>
        [.. modes.Where(m => m.IsMemory()).SelectMany(m => m.MemoryParts()).Distinct()];

    /// <summary>Whether the mode averages several single-memory modes' standardised scores (<see cref="MemoryParts"/>).</summary>
    public static bool IsCombination(this ScoringMode mode) => mode is ScoringMode.Memories or ScoringMode.FocalAndDiffuse;

    /// <summary>The modes computed from the trained networks (all but the patch memory).</summary>
    public static IReadOnlyList<ScoringMode> Network { get; } = [ScoringMode.Paper, ScoringMode.DiscriminatorEvalMode, ScoringMode.ReconstructionError];

    /// <summary>+1 when a larger raw score is more anomalous (errors, distances), -1 when smaller is (discriminator logits).</summary>
    public static int AnomalySign(this ScoringMode mode) => mode is ScoringMode.ReconstructionError || mode.IsMemory() ? 1 : -1;

    /// <summary>The mode's short name: paper, eval-bn, reconstruction, patch-memory, feature-memory, memories, feature-memory-mean or focal-and-diffuse (the CLI's --scoring values).</summary>
    public static string ShortName(this ScoringMode mode) => mode switch
    {
        ScoringMode.Paper => "paper",
        ScoringMode.DiscriminatorEvalMode => "eval-bn",
        ScoringMode.ReconstructionError => "reconstruction",
        ScoringMode.PatchMemory => "patch-memory",
        ScoringMode.FeatureMemory => "feature-memory",
        ScoringMode.FeatureMemoryMean => "feature-memory-mean",
        ScoringMode.FocalAndDiffuse => "focal-and-diffuse",
        _ => "memories",
    };

    /// <summary>The mode of a <see cref="ShortName"/> (case-insensitive); null when none has that name.</summary>
    public static ScoringMode? FromShortName(string name) =>
        All.Select(m => (ScoringMode?)m).FirstOrDefault(m => string.Equals(m!.Value.ShortName(), name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Below this validation ROC-AUC a model barely tells normal from abnormal validation images: training
    /// and the tools say so instead of keeping it silently.
    /// </summary>
    public const double WeakValidationAuc = 0.6;

    /// <summary>
    /// Above this standard error of the chosen mode's validation ROC-AUC (fewer than about 40 images per class at an AUC of 0.8)
    /// the validation split is too small to choose among the modes reliably, and training says so.
    /// </summary>
    public const double UncertainChoiceStandardError = 0.05;

    /// <summary>
    /// What to tell the user when a mode chosen on validation images (<paramref name="aucs"/>, of <paramref name="abnormal"/>
    /// abnormal and <paramref name="normal"/> normal ones) was chosen on too few of them; null when the split is large enough.
    /// </summary>
    public static string? UncertainChoiceWarning(IReadOnlyDictionary<ScoringMode, double> aucs, ScoringMode chosen, int abnormal, int normal)
    {
        double auc = aucs[chosen], error = Evaluation.AucUncertainty.StandardError(auc, abnormal, normal);
        if (error <= UncertainChoiceStandardError) return null;
        var rivals = aucs.Where(a => a.Key != chosen && a.Value >= auc - error).Select(a => $"{a.Key.ShortName()} {a.Value:F3}").ToList();
        return $"the scoring mode was chosen on {normal} normal and {abnormal} abnormal validation images, too few to choose reliably: " +
            $"the chosen {chosen.ShortName()} score's validation ROC-AUC {auc:F3} is uncertain by about ±{error:F2} (one standard error)" +
            (rivals.Count > 0 ? $", and {string.Join(", ", rivals)} lie within that margin" : "") + ".";
    }

    /// <summary>A short description for reports.</summary>
    public static string Describe(this ScoringMode mode) => mode switch
    {
        ScoringMode.Paper => "paper score (discriminator, per-image normalisation)",
        ScoringMode.DiscriminatorEvalMode => "discriminator score in eval mode (variant)",
        ScoringMode.ReconstructionError => "reconstruction-error score (variant, no discriminator)",
        ScoringMode.PatchMemory => "patch-memory score (variant, nearest normal patch near the same place, no network)",
        ScoringMode.FeatureMemory => "feature-memory score (variant, nearest normal ImageNet ResNet-18 feature near the same place, no training)",
        ScoringMode.FeatureMemoryMean => "feature-memory mean score (variant, distances to the remembered pretrained features averaged over the image, for diffuse findings; no training)",
        ScoringMode.FocalAndDiffuse => "focal-and-diffuse score (variant, mean of the feature memory's most unusual place and its mean over the image, each standardised; no training)",
        _ => "both memories' score (variant, mean of the patch and feature memories' standardised scores)",
    };
}

/// <summary>Anomaly scoring and the decision threshold stored with a trained model.</summary>
public sealed record ScoringOptions
{
    /// <summary>How images are scored; <see cref="ScoringMode.Paper"/> reproduces the paper. Training keeps the epoch whose validation AUC is best under this mode.</summary>
    public ScoringMode Mode { get; init; } = ScoringMode.Paper;

    /// <summary>
    /// Number of training images (with their training augmentation) whose raw scores (discriminator logits
    /// or reconstruction errors) give the mean and standard deviation that standardise every score.
    /// </summary>
    public int CalibrationImages { get; init; } = 200;

    /// <summary>
    /// Quantile of the normal training images' scores used as the decision threshold when no labelled
    /// validation set is given.
    /// </summary>
    public double ThresholdQuantile { get; init; } = 0.95;

    /// <summary>Images per forward pass when scoring.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>
    /// When a labelled validation set is given, choose the scoring mode on it: after training, the model
    /// scores with the mode of the best validation ROC-AUC (the patch memory's, or a network mode's at its
    /// kept epoch), and <see cref="Mode"/> applies only when there is no such set (the <c>cpu</c> preset's is the
    /// feature memory). The paper's presets keep the paper's score (false).
    /// </summary>
    public bool ChooseModeOnValidation { get; init; }

    /// <summary>
    /// Most training images the patch and feature memories (<see cref="ScoringMode.PatchMemory"/>, <see cref="ScoringMode.FeatureMemory"/>) remember, evenly spaced
    /// through the training set; every model stores them (as 16-bit floats: 8 MB for 1,000 images at 64 px).
    /// </summary>
    public int PatchMemoryImages { get; init; } = 1000;

    /// <summary>
    /// Side of the images the memories remember and compare, when larger than the network's
    /// (<see cref="NetworkOptions.ImageSize"/>, which it must be a multiple of); null: the network's. The model then
    /// takes images of this side (<see cref="SimSidOptions.InputSize"/>) and averages them down for the network, so
    /// that the feature memory sees finer detail than a small network can afford. Stored images take 4 times the
    /// space at twice the side (32 MB for 1,000 images at 128 px).
    /// </summary>
    public int? MemoryImageSize { get; init; }

    /// <summary>
    /// Whether the model offers <see cref="ScoringMode.FeatureMemory"/> (when the pretrained weights are available):
    /// its memory is built when the model is first calibrated or scored, which takes about 30 s for 1,000
    /// remembered images on 2 CPU cores and holds 0.5 GB (see <see cref="FeatureMemoryMeanStage"/> for the mean mode's).
    /// </summary>
    public bool FeatureMemory { get; init; } = true;

    /// <summary>
    /// The pretrained network's stage whose features <see cref="ScoringMode.FeatureMemoryMean"/> compares. The second
    /// (the default, and every model saved before this option) shares the feature memory of
    /// <see cref="ScoringMode.FeatureMemory"/>; the third gives the mean mode a memory of its own, of coarser features
    /// that see a diffuse finding better, on a grid of 16 x 16 places (the <c>cpu</c> recipe's choice, README), at another
    /// 0.25 GB for 1,000 remembered images.
    /// </summary>
    public ResNetStage FeatureMemoryMeanStage { get; init; } = ResNetStage.Second;

    /// <summary>
    /// Places, in each direction, that a remembered place of the patch and feature memories may lie from the scored
    /// one and still match it (<see cref="PlaceMatching"/>): 2 compares each place with a 5 x 5 block of remembered
    /// places (0.125 of the image's side across for the feature memory), so an image framed a few percent
    /// differently from the training images still meets its own anatomy.
    /// </summary>
    public int MemorySearchRadius { get; init; } = PlaceMatching.Default.SearchRadius;

    /// <summary>
    /// Whether a remembered place further from the scored one counts less (<see cref="PlaceMatching.Graded"/>): a
    /// place's distance becomes the mean of its nearest distances within each radius up to
    /// <see cref="MemorySearchRadius"/>, so that the search still forgives framing but an organ displaced or enlarged
    /// by a few places is not fully excused.
    /// </summary>
    public bool GradedPlaceMatching { get; init; }

    /// <summary>
    /// Places along each edge of the memories' grids that are not scored (<see cref="PlaceMatching"/>): 2 leaves out
    /// the outer 1/16 of the image's side on each edge for the feature memory, where the framing of the image,
    /// rather than the chest, decides what the features see.
    /// </summary>
    public int MemoryBorder { get; init; } = PlaceMatching.Default.Border;
}
