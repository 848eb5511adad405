namespace SimSid.Torch.Training;

/// <summary>
/// Running means of the loss terms over an epoch: the generator's terms over the steps that trained the
/// generator, the discriminator's over every step.
/// </summary>
internal sealed class LossMeans
{
    private TrainingLosses sums;
    private int steps, generatorSteps;

    /// <summary>Adds a step's losses; <paramref name="generatorStep"/> says whether it trained the generator.</summary>
    public void Add(TrainingLosses step, bool generatorStep)
    {
        steps++;
        sums = sums with { Discriminator = sums.Discriminator + step.Discriminator };
        if (!generatorStep) return;
        generatorSteps++;
        sums = sums with
        {
            Reconstruction = sums.Reconstruction + step.Reconstruction,
            TeacherReconstruction = sums.TeacherReconstruction + step.TeacherReconstruction,
            Distillation = sums.Distillation + step.Distillation,
            Adversarial = sums.Adversarial + step.Adversarial,
        };
    }

    /// <summary>The means so far (zero before the first step).</summary>
    public TrainingLosses Mean
    {
        get
        {
            int g = Math.Max(generatorSteps, 1);
            return new TrainingLosses(sums.Reconstruction / g, sums.TeacherReconstruction / g, sums.Distillation / g,
                sums.Adversarial / g, sums.Discriminator / Math.Max(steps, 1));
        }
    }
}
