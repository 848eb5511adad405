namespace SimSid.Torch.Tests.Model;

public sealed class ScoreCalibrationTests
{
    private static readonly ScoreCalibration Calibration = new(new LogitStatistics(2, 1), new LogitStatistics(-1, 2), 200, new LogitStatistics(0.05, 0.01));

    [Fact]
    public void DiscriminatorModes_ScoreLowLogitsAsAnomalous_ReconstructionErrorScoresHighErrorsAsAnomalous()
    {
        Assert.Equal(0.5, Calibration.Score(2, ScoringMode.Paper), 5);
        Assert.Equal(1 / (1 + Math.Exp(-1)), Calibration.Score(1, ScoringMode.Paper), 5);
        Assert.Equal(1 / (1 + Math.Exp(1)), Calibration.Score(1, ScoringMode.DiscriminatorEvalMode), 5);
        Assert.Equal(1 / (1 + Math.Exp(-2)), Calibration.Score(0.07, ScoringMode.ReconstructionError), 5);
        Assert.True(Calibration.Score(0.03, ScoringMode.ReconstructionError) < 0.5);
    }

    [Fact]
    public void ACalibrationWithoutReconstructionStatistics_ExplainsWhatToDo()
    {
        var old = Calibration with { ReconstructionError = null };

        Assert.True(old.Supports(ScoringMode.Paper));
        Assert.False(old.Supports(ScoringMode.ReconstructionError));
        var error = Assert.Throws<InvalidOperationException>(() => old.Score(0.1, ScoringMode.ReconstructionError));
        Assert.Contains("re-calibrate", error.Message);
    }
}
