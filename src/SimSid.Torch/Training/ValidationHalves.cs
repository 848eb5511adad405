namespace SimSid.Torch.Training;

/// <summary>
/// The network's scoring modes' validation AUCs on two halves of the validation images, one epoch's worth
/// (<see cref="ValidationHalves"/>); a checkpoint keeps them so that a resumed run can still correct its choice.
/// </summary>
/// <param name="Epoch">The epoch validated.</param>
/// <param name="First">Each mode's AUC on the first half.</param>
/// <param name="Second">Each mode's AUC on the second half.</param>
public sealed record EpochHalfAucs(int Epoch, IReadOnlyDictionary<ScoringMode, double> First, IReadOnlyDictionary<ScoringMode, double> Second);

/// <summary>
/// Cross-fitting of the kept epoch. When training keeps the epoch whose network scores did best on the validation
/// images, those scores' AUCs at that epoch are the luckiest of every epoch's, and they flatter the network beside the
/// memories' scores, which no epoch changes: near chance, a network score could win the choice by luck alone. Each half
/// of the validation images (every other normal and every other abnormal one) chooses an epoch as training does, and
/// the other half measures it; the mean of the two is the AUC to expect from keeping an epoch chosen on validation.
/// </summary>
internal sealed class ValidationHalves
{
    private readonly int[] first, second;
    private readonly bool[] firstLabels, secondLabels;

    private ValidationHalves(IReadOnlyList<bool> isAbnormal)
    {
        var halves = new[] { new List<int>(), new List<int>() };
        int[] seen = [0, 0];
        for (int i = 0; i < isAbnormal.Count; i++)
        {
            int label = isAbnormal[i] ? 1 : 0;
            halves[seen[label]++ % 2].Add(i);
        }
        (first, second) = (halves[0].ToArray(), halves[1].ToArray());
        (firstLabels, secondLabels) = (first.Select(i => isAbnormal[i]).ToArray(), second.Select(i => isAbnormal[i]).ToArray());
    }

    /// <summary>The halves of images labelled <paramref name="isAbnormal"/>; null when a half would lack a class (fewer than two images of it).</summary>
    public static ValidationHalves? Of(IReadOnlyList<bool> isAbnormal) =>
        isAbnormal.Count(a => a) >= 2 && isAbnormal.Count(a => !a) >= 2 ? new ValidationHalves(isAbnormal) : null;

    /// <summary>Each mode's AUC on each half, from its oriented raw scores of every validation image (<paramref name="raw"/>[m] for <paramref name="modes"/>[m]).</summary>
    public EpochHalfAucs Measure(int epoch, IReadOnlyList<ScoringMode> modes, double[][] raw) =>
        new(epoch, Aucs(modes, raw, first, firstLabels), Aucs(modes, raw, second, secondLabels));

    private static Dictionary<ScoringMode, double> Aucs(IReadOnlyList<ScoringMode> modes, double[][] raw, int[] half, bool[] labels) =>
        ModeAucs.Of(modes, [.. raw.Select(scores => half.Select(i => scores[i]).ToArray())], labels);

    /// <summary>
    /// Each mode's cross-fitted AUC over the validated epochs: the epoch whose best mode did best on one half (the
    /// earliest of equals, as training keeps), measured on the other half, averaged over the two ways round.
    /// </summary>
    public static Dictionary<ScoringMode, double> CrossFitted(IReadOnlyList<EpochHalfAucs> epochs)
    {
        if (epochs.Count == 0) throw new ArgumentException("No epoch was validated on the halves.", nameof(epochs));
        var onFirst = epochs.MaxBy(e => e.First.Values.Max())!;
        var onSecond = epochs.MaxBy(e => e.Second.Values.Max())!;
        return onFirst.Second.Keys.ToDictionary(mode => mode, mode => (onFirst.Second[mode] + onSecond.First[mode]) / 2);
    }
}
