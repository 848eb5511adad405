namespace SimSid.Torch;

/// <summary>
/// Named configurations. <c>zhang</c>, <c>chexpert</c> and <c>covidx</c> are the paper's exact
/// configurations (GPU work); <c>cpu</c> is the CPU recipe, <c>small</c> its network with the paper's training, <c>tiny</c> for tests.
/// </summary>
public static class SimSidPresets
{
    /// <summary>ZhangLab pediatric pneumonia: S=128, fr=32, memory queue in the in-painting block, 1000 epochs.</summary>
    public static SimSidOptions Zhang { get; } = new() { Preset = "zhang" };

    /// <summary>CheXpert: learnable in-painting memories with mask ratio 0.9, 600 epochs, eta_min 5e-5, 10 % contamination.</summary>
    public static SimSidOptions CheXpert { get; } = new()
    {
        Preset = "chexpert",
        Network = new NetworkOptions { InpaintingUsesQueue = false, InpaintingMaskRatio = 0.9 },
        Training = new TrainingOptions { Epochs = 600, CosineEtaMin = 5e-5, PositiveRatio = 0.9 },
    };

    /// <summary>COVIDx: learnable in-painting memories, 300 epochs, 30 % contamination.</summary>
    public static SimSidOptions Covidx { get; } = new()
    {
        Preset = "covidx",
        Network = new NetworkOptions { InpaintingUsesQueue = false },
        Training = new TrainingOptions { Epochs = 300, PositiveRatio = 0.7 },
    };

    /// <summary>
    /// The reference's small configuration (S=64, fr=16, 50 memory slots) with ZhangLab training settings;
    /// about 14 times cheaper than <see cref="Zhang"/>, so it trains on a CPU.
    /// </summary>
    public static SimSidOptions Small { get; } = new()
    {
        Preset = "small",
        Network = new NetworkOptions { ImageSize = 64, FeaturesRoot = 16, DecoderMemorySlots = 50, InpaintingSlots = 50 },
        Training = new TrainingOptions { Epochs = 50 },
    };

    /// <summary>
    /// The CPU recipe, the default on a CPU: the <see cref="Small"/> network trained with the paper's settings
    /// for 12 epochs (fewer on a training set of over 2,000 images: at most 1,500 steps), keeping the best validation epoch, with the scoring mode chosen on the validation set
    /// (the focal-and-diffuse score when there is none). 6 to 10 minutes for 1,000 training images on 2 CPU cores, the feature memory included (README).
    /// </summary>
    public static SimSidOptions Cpu { get; } = Small with
    {
        Preset = "cpu",
        // At most 1,500 steps (24,000 images): 12 epochs of up to 2,000 images, fewer epochs of a larger training set,
        // about 15 minutes of training on the Zen 3 2-core machine rather than hours (README).
        Training = Small.Training with { Epochs = 12, MaxSteps = 1500 },
        // The memories compare 128-pixel images (the network sees them averaged down to 64): on the validation
        // splits of four synthetic sets the feature memory's AUC rose by 0.02-0.06 over 64-pixel images; 256 was worse.
        // Graded matching raised the validation AUC of the feature memory (by 0.009 to 0.030) and of both memories
        // together (0.002 to 0.036) on four sets: two synthetic, two of another phantom generator (README).
        // The feature memory's mean over the image compares the third stage's features: its validation AUC rose on all five
        // sets (real radiographs 0.930 to 0.960; phantoms by 0.05 to 0.10, where it stays below the chosen scores), and on
        // their own 16 x 16 grid rose further on the four phantom sets at a quarter of the memory (README).
        // Without validation images to choose on, the focal-and-diffuse score (the feature memory's most unusual place beside
        // that mean): over the project's five sets (two synthetic, two of another phantom generator, real radiographs) its
        // validation AUC is 0.870 on average and 0.830 at the lowest, against the feature memory's 0.867 and 0.812, and 0.949
        // against 0.890 on the real radiographs, where the paper's score stayed near chance after CPU-sized training (README).
        Scoring = Small.Scoring with
        {
            Mode = ScoringMode.FocalAndDiffuse, ChooseModeOnValidation = true, MemoryImageSize = 128, GradedPlaceMatching = true,
            FeatureMemoryMeanStage = ResNetStage.Third,
        },
    };

    /// <summary>The paper's configuration on a CUDA device, the CPU recipe otherwise: what a user on this machine expects by default.</summary>
    public static SimSidOptions ForDevice(string device) =>
        device.StartsWith("cuda", StringComparison.Ordinal) ? Zhang with { Device = device } : Cpu with { Device = device };

    /// <summary>A minimal configuration (S=32, fr=8, 20 slots, 3 discriminator layers) for smoke tests: seconds per epoch.</summary>
    public static SimSidOptions Tiny { get; } = new()
    {
        Preset = "tiny",
        Network = new NetworkOptions { ImageSize = 32, FeaturesRoot = 8, DecoderMemorySlots = 20, InpaintingSlots = 20, DiscriminatorLayers = 3 },
        Training = new TrainingOptions { Epochs = 5, BatchSize = 8 },
        Scoring = new ScoringOptions { CalibrationImages = 32, FeatureMemory = false },
    };

    /// <summary>All preset names, in the order above.</summary>
    public static IReadOnlyList<string> Names { get; } = ["zhang", "chexpert", "covidx", "cpu", "small", "tiny"];

    /// <summary>The preset named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No preset has that name.</exception>
    public static SimSidOptions Get(string name) => name?.Trim().ToLowerInvariant() switch
    {
        "zhang" => Zhang,
        "chexpert" => CheXpert,
        "covidx" => Covidx,
        "cpu" => Cpu,
        "small" => Small,
        "tiny" => Tiny,
        _ => throw new ArgumentException($"Unknown SimSID preset \"{name}\". Known presets: {string.Join(", ", Names)}.", nameof(name)),
    };
}
