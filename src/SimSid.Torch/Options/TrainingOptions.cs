using System.Globalization;

namespace SimSid.Torch;

/// <summary>Training procedure of SimSID. Defaults are the ZhangLab configuration of the paper.</summary>
public sealed record TrainingOptions
{
    /// <summary>Number of passes over the training set.</summary>
    public int Epochs { get; init; } = 1000;

    /// <summary>
    /// The most optimisation steps a run takes, or null for no bound: when <see cref="Epochs"/> passes over a training
    /// set would take more, the run trains the most whole epochs that fit, and at least one (<see cref="EpochsFor"/>).
    /// The CPU recipe's bound keeps a large training set from taking hours on a CPU.
    /// </summary>
    public int? MaxSteps { get; init; }

    /// <summary>Images per optimisation step.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Initial learning rate of the generator's Adam optimiser.</summary>
    public double LearningRate { get; init; } = 1e-4;

    /// <summary>Learning rate of the discriminator's Adam optimiser (constant).</summary>
    public double DiscriminatorLearningRate { get; init; } = 1e-4;

    /// <summary>Adam beta1 of both optimisers.</summary>
    public double AdamBeta1 { get; init; } = 0.5;

    /// <summary>Adam beta2 of both optimisers.</summary>
    public double AdamBeta2 { get; init; } = 0.999;

    /// <summary>Adam epsilon of the generator's optimiser (the discriminator's uses Adam's default 1e-8).</summary>
    public double GeneratorAdamEpsilon { get; init; } = 1e-7;

    /// <summary>L2 weight decay of the generator's optimiser.</summary>
    public double GeneratorWeightDecay { get; init; } = 1e-5;

    /// <summary>Period T_max, in epochs, of the generator's cosine-annealed learning rate.</summary>
    public int CosineTMax { get; init; } = 300;

    /// <summary>Minimum learning rate eta_min of the cosine annealing.</summary>
    public double CosineEtaMin { get; init; } = 1e-5;

    /// <summary>The generator is updated every this many steps (n_critic); the discriminator every step.</summary>
    public int CriticSteps { get; init; } = 2;

    /// <summary>Weight of MSE(reconstruction, image) in the generator loss.</summary>
    public double ReconstructionWeight { get; init; } = 10.0;

    /// <summary>Weight of MSE(teacher reconstruction, image) in the generator loss.</summary>
    public double TeacherReconstructionWeight { get; init; } = 0.01;

    /// <summary>Weight of the summed student-teacher distillation loss.</summary>
    public double DistillationWeight { get; init; } = 0.001;

    /// <summary>Weight of the generator's adversarial loss BCE(D(reconstruction), real).</summary>
    public double AdversarialWeight { get; init; } = 0.005;

    /// <summary>Weight of the discriminator loss BCE(D(image), real) + BCE(D(reconstruction), fake).</summary>
    public double DiscriminatorLossWeight { get; init; } = 0.005;

    /// <summary>Random-affine augmentation: maximum translation as a fraction of the image side.</summary>
    public double AugmentTranslate { get; init; } = 0.05;

    /// <summary>Random-affine augmentation: smallest scale factor.</summary>
    public double AugmentScaleMin { get; init; } = 0.95;

    /// <summary>Random-affine augmentation: largest scale factor.</summary>
    public double AugmentScaleMax { get; init; } = 1.05;

    /// <summary>
    /// Fraction of the training set that is normal (positive_ratio); below 1 the rest is filled with
    /// abnormal images to study training on contaminated data.
    /// </summary>
    public double PositiveRatio { get; init; } = 1.0;

    /// <summary>Validate on the labelled validation set every this many epochs (when one is given).</summary>
    public int ValidationInterval { get; init; } = 1;

    /// <summary>
    /// Stop when the validation AUC has not improved for this many validations; null trains all epochs.
    /// </summary>
    public int? EarlyStoppingPatience { get; init; }

    /// <summary>
    /// True (the paper): keep the weights of the epoch with the best validation AUC. False: keep the last
    /// epoch's, and use the validation set only to report progress and choose the threshold — steadier
    /// when the validation set is small and the run short, where an early epoch can win by chance.
    /// </summary>
    public bool KeepBestValidationEpoch { get; init; } = true;

    /// <summary>
    /// The epochs a run over <paramref name="trainingImages"/> images trains: <see cref="Epochs"/>, or the most whole
    /// epochs within <see cref="MaxSteps"/> (at least one).
    /// </summary>
    public int EpochsFor(int trainingImages)
    {
        if (MaxSteps is not int most) return Epochs;
        return Math.Clamp(most / Math.Max(1, StepsPerEpoch(trainingImages)), 1, Epochs);
    }

    /// <summary>The optimisation steps of one epoch over <paramref name="trainingImages"/> images (the last batch may be smaller).</summary>
    public int StepsPerEpoch(int trainingImages) => (trainingImages + BatchSize - 1) / BatchSize;

    /// <summary>The epochs a run over <paramref name="trainingImages"/> images trains, in words, and why when <see cref="MaxSteps"/> cut them.</summary>
    public string DescribeEpochs(int trainingImages)
    {
        int epochs = EpochsFor(trainingImages);
        string trained = epochs == 1 ? "1 epoch" : $"{epochs} epochs";
        if (epochs == Epochs) return trained;
        long steps = (long)Epochs * StepsPerEpoch(trainingImages);
        return string.Create(CultureInfo.InvariantCulture, $"{trained} ({Epochs} would take {steps:N0} steps of {BatchSize} over {trainingImages:N0} images; " +
            $"the preset trains at most {MaxSteps:N0} steps: name the epochs to train them all)");
    }
}
