using SimSid.Torch;

namespace SimSid.MLNet.Modeling;

/// <summary>A trained <see cref="SimSidModel"/> as the plugin scores with it.</summary>
internal sealed class TorchSimSidModel(SimSidModel model) : ISimSidModel
{
    public int ImageSize => model.Options.InputSize;

    public float Threshold => (float)model.Threshold!.Threshold;

    public SimSidModel Model => model;

    public SimSidBatchScores Score(IReadOnlyList<float[]> images, bool withReconstructions)
    {
        if (!withReconstructions)
        {
            var scores = model.Score(images);
            return new SimSidBatchScores(ToSingle(scores), Verdicts(scores), null, null);
        }
        var detail = model.ScoreInDetail(images);
        return new SimSidBatchScores(ToSingle(detail.Scores), Verdicts(detail.Scores), detail.Reconstructions, detail.AnomalyMaps);
    }

    public (string Text, bool IsWeak)? ValidationSummary
    {
        get
        {
            if (model.ValidationAucs is not { } aucs || !aucs.TryGetValue(model.Options.Scoring.Mode, out double auc)) return null;
            string mode = model.Options.Scoring.Mode.ShortName();
            string every = string.Join(", ", aucs.Select(a => $"{a.Key.ShortName()} {a.Value:F3}"));
            string text = (model.Options.Scoring.ChooseModeOnValidation ? $"scoring mode chosen on the validation data: {mode}" : $"scoring mode {mode}") +
                $", validation ROC-AUC {auc:F3} (every mode: {every}{(model.CrossFittedNetworkAucs ? "; the network's modes cross-fitted, their epoch chosen on one half of the validation rows and measured on the other" : "")}).";
            if (auc < ScoringModes.WeakValidationAuc)
                return (text + " The model barely tells normal from anomalous validation rows: train longer or on more images, or check the labels.", true);
            return model.UncertainChoiceWarning is { } uncertain
                ? ($"{text} Warning: {uncertain} Give more labelled validation rows (50 or more of each class), or set the Scoring option.", true)
                : (text, false);
        }
    }

    public void PrepareToScore(Action<string> say) =>
        model.BuildMemories([model.Options.Scoring.Mode], images => say(SimSidModel.DescribingInWords(images)));

    public void Save(Stream destination) => model.Save(destination);

    public void Dispose() => model.Dispose();

    private static float[] ToSingle(AnomalyScore[] scores) => Array.ConvertAll(scores, s => (float)s.Score);

    // The network's own verdict (double score against double threshold), not a float re-comparison.
    private static bool[] Verdicts(AnomalyScore[] scores) => Array.ConvertAll(scores, s => s.IsAnomalous);
}
