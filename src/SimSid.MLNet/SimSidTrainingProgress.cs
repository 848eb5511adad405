namespace SimSid.MLNet;

/// <summary>A report sent after each training epoch.</summary>
/// <param name="Epoch">The epoch just finished, starting at 1.</param>
/// <param name="TotalEpochs">How many epochs the run will take.</param>
/// <param name="Loss">The epoch's mean generator loss (reconstruction, teacher, distillation and adversarial terms).</param>
/// <param name="DiscriminatorLoss">The epoch's mean discriminator loss.</param>
/// <param name="ImagesPerSecond">Training throughput of the epoch.</param>
/// <param name="Elapsed">Time since training started.</param>
/// <param name="Remaining">Estimated time to the end of training.</param>
public sealed record SimSidTrainingProgress(int Epoch, int TotalEpochs, double Loss, double DiscriminatorLoss,
    double ImagesPerSecond, TimeSpan Elapsed, TimeSpan Remaining);
