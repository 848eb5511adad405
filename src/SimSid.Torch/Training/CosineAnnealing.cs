namespace SimSid.Torch.Training;

/// <summary>The generator's learning rate: cosine annealing stepped once per epoch (CosineAnnealingLR).</summary>
public static class CosineAnnealing
{
    /// <summary>Learning rate during epoch <paramref name="epoch"/> (1-based): eta_min + (lr - eta_min)(1 + cos(pi (epoch - 1) / T_max)) / 2.</summary>
    public static double LearningRate(TrainingOptions options, int epoch) =>
        options.CosineEtaMin + (options.LearningRate - options.CosineEtaMin) * (1 + Math.Cos(Math.PI * (epoch - 1) / options.CosineTMax)) / 2;
}
