using SimSid.Torch;
using SimSid.Torch.Training;
using Spectre.Console;

namespace SimSid.Cli;

/// <summary>
/// Shows training progress: a live bar with losses, throughput and ETA on an interactive terminal,
/// one line per epoch otherwise (logs, CI).
/// </summary>
internal sealed class TrainingDisplay : IProgress<TrainingProgress>
{
    private LiveBar? bar;
    private TrainingLosses lastGeneratorStep;

    /// <summary>Runs <paramref name="train"/> while showing its progress.</summary>
    public static T Run<T>(Func<IProgress<TrainingProgress>, T> train)
    {
        var display = new TrainingDisplay();
        return LiveBar.Run("Starting...", 1, bar =>
        {
            display.bar = bar;
            return train(display);
        });
    }

    public void Report(TrainingProgress p)
    {
        if (p.Stage is { } stage)
        {
            Say(stage);
            return;
        }
        switch (p.Phase)
        {
            case TrainingPhase.Step when bar is not null:
                // Discriminator-only steps carry no generator losses: show the last generator step's.
                if (p.Losses.Reconstruction > 0) lastGeneratorStep = p.Losses;
                bar.Show((p.Epoch - 1) * (double)p.StepsPerEpoch + p.Step,
                    $"epoch {p.Epoch}/{p.Epochs} step {p.Step}/{p.StepsPerEpoch}  recon {lastGeneratorStep.Reconstruction:F4}  adv {lastGeneratorStep.Adversarial:F4}  D {p.Losses.Discriminator:F4}  {p.ImagesPerSecond:F1} img/s  ETA {Durations.Format(p.Remaining)}",
                    p.Epochs * (double)p.StepsPerEpoch);
                break;
            case TrainingPhase.EpochEnd when bar is null:
                AnsiConsole.MarkupLine(Markup.Escape(
                    $"epoch {p.Epoch}/{p.Epochs}: recon {p.Losses.Reconstruction:F4} teacher {p.Losses.TeacherReconstruction:F4} distill {p.Losses.Distillation:F5} " +
                    $"adv {p.Losses.Adversarial:F4} D {p.Losses.Discriminator:F4} | lr {p.LearningRate:G3} | {p.ImagesPerSecond:F1} img/s | elapsed {Durations.Format(p.Elapsed)}, ETA {Durations.Format(p.Remaining)}"));
                break;
            case TrainingPhase.Validation:
                AnsiConsole.MarkupLine(Markup.Escape($"epoch {p.Epoch}: validation AUC {Aucs(p)} (best {p.BestAuc:F3} at epoch {p.BestEpoch})"));
                break;
            case TrainingPhase.ModeChosen:
                AnsiConsole.MarkupLine(Markup.Escape(
                    $"Scoring mode chosen on the validation split: {p.ScoringMode!.Value.ShortName()} (validation AUC {p.ValidationAuc:F3}; every mode with the kept weights: {Aucs(p)})." +
                    (p.NetworkAucsCrossFitted ? $" The network's scores ({string.Join(", ", ScoringModes.Network.Select(m => m.ShortName()))}) are cross-fitted: " +
                        "an epoch chosen on one half of the validation images, measured on the other, since the epoch kept is the one they did best on." : "")));
                break;
            case TrainingPhase.Calibration:
                if (bar is not null) bar.Complete("Calibrating scores and threshold");
                else AnsiConsole.MarkupLine("Calibrating scores and choosing the threshold...");
                break;
        }
    }

    // A stage between the steps: the bar's text on a terminal, a line in a log.
    private void Say(string stage)
    {
        if (bar is not null) bar.Describe(stage);
        else AnsiConsole.MarkupLine(Markup.Escape(stage + "..."));
    }

    private static string Aucs(TrainingProgress p) => p.ValidationAucs is { Count: > 1 } aucs
        ? string.Join(", ", aucs.Select(a => $"{a.Key.ShortName()} {a.Value:F3}"))
        : $"{p.ValidationAuc:F3}";
}
