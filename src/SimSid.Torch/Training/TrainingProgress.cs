namespace SimSid.Torch.Training;

/// <summary>What a progress report is about.</summary>
public enum TrainingPhase
{
    /// <summary>An optimisation step finished.</summary>
    Step,
    /// <summary>An epoch finished (losses are the epoch's means).</summary>
    EpochEnd,
    /// <summary>A validation finished (see <see cref="TrainingProgress.ValidationAuc"/>).</summary>
    Validation,
    /// <summary>A checkpoint was written (see <see cref="TrainingProgress.CheckpointPath"/>).</summary>
    Checkpoint,
    /// <summary>Training ended: calibration and threshold are being computed.</summary>
    Calibration,
    /// <summary>
    /// The scoring mode was chosen on the validation set (see <see cref="TrainingProgress.ScoringMode"/> and
    /// <see cref="TrainingProgress.ValidationAucs"/>); only with ScoringOptions.ChooseModeOnValidation.
    /// </summary>
    ModeChosen,
    /// <summary>
    /// Training ended and every scoring mode is being measured on the validation split with the kept weights; next comes
    /// <see cref="ModeChosen"/> (when the mode is chosen on validation) or <see cref="Calibration"/>.
    /// </summary>
    ValidatingEveryMode,
    /// <summary>
    /// The feature memories are about to describe the remembered training images with the pretrained network
    /// (<see cref="TrainingProgress.ImagesToDescribe"/>), once per run, before their first use: the first checkpoint's
    /// calibration, the measuring of every mode or the final calibration.
    /// </summary>
    DescribingRememberedImages,
}

/// <summary>The loss terms of one step, or their means over an epoch (generator terms over generator steps).</summary>
/// <param name="Reconstruction">Weighted MSE(reconstruction, image).</param>
/// <param name="TeacherReconstruction">Weighted MSE(teacher reconstruction, image).</param>
/// <param name="Distillation">Weighted student-teacher distillation loss.</param>
/// <param name="Adversarial">Weighted BCE(D(reconstruction), real) of the generator.</param>
/// <param name="Discriminator">Weighted discriminator loss.</param>
public readonly record struct TrainingLosses(double Reconstruction, double TeacherReconstruction, double Distillation, double Adversarial, double Discriminator)
{
    /// <summary>The generator's total loss.</summary>
    public double Generator => Reconstruction + TeacherReconstruction + Distillation + Adversarial;
}

/// <summary>A progress report of a training run.</summary>
public sealed record TrainingProgress
{
    /// <summary>What happened.</summary>
    public required TrainingPhase Phase { get; init; }

    /// <summary>Current epoch (1-based) and the number of epochs of the run.</summary>
    public required int Epoch { get; init; }

    /// <summary>Total epochs of the run.</summary>
    public required int Epochs { get; init; }

    /// <summary>Steps done in this epoch and steps per epoch.</summary>
    public int Step { get; init; }

    /// <summary>Steps per epoch.</summary>
    public int StepsPerEpoch { get; init; }

    /// <summary>Losses of the step, or means over the epoch at <see cref="TrainingPhase.EpochEnd"/>.</summary>
    public TrainingLosses Losses { get; init; }

    /// <summary>The generator's learning rate in this epoch.</summary>
    public double LearningRate { get; init; }

    /// <summary>Training throughput over this epoch so far.</summary>
    public double ImagesPerSecond { get; init; }

    /// <summary>Time spent in this run (not counting earlier runs of a resumed training).</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Estimated time to the end of training.</summary>
    public TimeSpan Remaining { get; init; }

    /// <summary>
    /// Validation ROC-AUC at <see cref="TrainingPhase.Validation"/> (the best mode's when several are validated),
    /// and the chosen mode's at <see cref="TrainingPhase.ModeChosen"/>.
    /// </summary>
    public double? ValidationAuc { get; init; }

    /// <summary>The validation ROC-AUC of every mode validated, at <see cref="TrainingPhase.Validation"/> and <see cref="TrainingPhase.ModeChosen"/>.</summary>
    public IReadOnlyDictionary<ScoringMode, double>? ValidationAucs { get; init; }

    /// <summary>
    /// At <see cref="TrainingPhase.ModeChosen"/>: whether the network modes' <see cref="ValidationAucs"/> are cross-fitted, the kept
    /// epoch chosen on one half of the validation images and measured on the other, because the epoch kept was the one they
    /// did best on, which flatters them beside the memories' scores.
    /// </summary>
    public bool NetworkAucsCrossFitted { get; init; }

    /// <summary>The scoring mode chosen, at <see cref="TrainingPhase.ModeChosen"/>.</summary>
    public ScoringMode? ScoringMode { get; init; }

    /// <summary>Best validation ROC-AUC so far and its epoch.</summary>
    public double? BestAuc { get; init; }

    /// <summary>Epoch of <see cref="BestAuc"/>.</summary>
    public int BestEpoch { get; init; }

    /// <summary>Validation images scored in every mode, at <see cref="TrainingPhase.ValidatingEveryMode"/>.</summary>
    public int ValidationImages { get; init; }

    /// <summary>Remembered training images the feature memories describe, at <see cref="TrainingPhase.DescribingRememberedImages"/>.</summary>
    public int ImagesToDescribe { get; init; }

    /// <summary>The checkpoint file written, at <see cref="TrainingPhase.Checkpoint"/>.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>
    /// What the run does next, in words, at <see cref="TrainingPhase.DescribingRememberedImages"/> and
    /// <see cref="TrainingPhase.ValidatingEveryMode"/> (work of a minute or more between the steps); null at the other phases.
    /// </summary>
    public string? Stage => Phase switch
    {
        TrainingPhase.DescribingRememberedImages => SimSidModel.DescribingInWords(ImagesToDescribe),
        TrainingPhase.ValidatingEveryMode => $"Measuring every score on the {ValidationImages:N0} validation images",
        _ => null,
    };
}
