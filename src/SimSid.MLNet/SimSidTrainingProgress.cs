namespace SimSid.MLNet;

/// <summary>A report sent after each training epoch.</summary>
/// <param name="Epoch">The epoch just finished, starting at 1.</param>
/// <param name="TotalEpochs">How many epochs the run will take.</param>
/// <param name="Loss">The epoch's mean training loss, or <see cref="double.NaN"/> when not reported.</param>
/// <param name="Elapsed">Time since training started.</param>
public sealed record SimSidTrainingProgress(int Epoch, int TotalEpochs, double Loss, TimeSpan Elapsed);
