using SimSid.Data.Datasets;
using SimSid.MLNet.Baselines;
using SimSid.Torch;

namespace SimSid.Cli.Evaluation;

/// <summary>
/// The scores of a test split: SimSID's in each mode asked for and the baseline's, of the images that could be read.
/// </summary>
/// <param name="Images">The images scored, in the split's order.</param>
/// <param name="SimSid">SimSID's scores per mode, one per image.</param>
/// <param name="Baseline">The baseline's scores, or null.</param>
internal sealed record TestScores(IReadOnlyList<RadiographRecord> Images, IReadOnlyDictionary<ScoringMode, List<double>> SimSid, List<double>? Baseline)
{
    /// <summary>The labels of the images scored.</summary>
    public IReadOnlyList<bool> Labels => [.. Images.Select(i => i.IsAbnormal)];

    /// <summary>
    /// Scores <paramref name="test"/> a chunk of files at a time (<see cref="DatasetImages.InChunks"/>): each chunk is
    /// decoded, scored in every mode and by the baseline, then let go, so evaluating holds every image's scores but
    /// the pixels of one chunk only.
    /// </summary>
    public static TestScores Of(SimSidModel model, IReadOnlyList<ScoringMode> modes, PixelPcaBaseline? baseline,
        IReadOnlyList<RadiographRecord> test, BadFilePolicy policy)
    {
        var images = new List<RadiographRecord>(test.Count);
        var simsid = modes.ToDictionary(m => m, _ => new List<double>(test.Count));
        var baselineScores = baseline is null ? null : new List<double>(test.Count);
        DatasetImages.InChunks(test, model.Options.InputSize, policy, "test", chunk =>
        {
            var pixels = DatasetImages.Pixels(chunk);
            foreach (var (mode, scores) in model.ScoreEach(pixels, modes)) simsid[mode].AddRange(scores.Select(s => s.Score));
            baselineScores?.AddRange(baseline!.Score(pixels));
            images.AddRange(chunk.Select(i => i.Record));
        }, "Scoring", "scored");
        return new TestScores(images, simsid, baselineScores);
    }
}
