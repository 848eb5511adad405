using SimSid.Torch.Evaluation;

namespace SimSid.Torch.Tests.Evaluation;

public sealed class FindingAucTests
{
    [Fact]
    public void EachFinding_IsRankedAgainstEveryNormalImage()
    {
        // Normals score 0.2 and 0.4, nodules 0.1 and 0.3, the effusion 0.9.
        double[] scores = [0.2, 0.4, 0.1, 0.3, 0.9];
        bool[] abnormal = [false, false, true, true, true];
        string?[] findings = [null, null, "Nodule", "Nodule", "Effusion"];

        var result = FindingAuc.Compute(scores, abnormal, findings);

        Assert.Equal(["Effusion", "Nodule"], result.Select(r => r.Finding));
        Assert.Equal(1.0, result[0].Auc);
        Assert.Equal(1, result[0].Count);
        Assert.Equal(0.25, result[1].Auc, 12); // of the 4 (nodule, normal) pairs only 0.3 > 0.2 is ranked right
        Assert.Equal(2, result[1].Count);
    }

    [Fact]
    public void AnImageWithSeveralFindings_CountsForEach_AndUnnamedOrNormalFindingsAreIgnored()
    {
        double[] scores = [0.1, 0.8, 0.6, 0.7];
        bool[] abnormal = [false, true, true, true];
        string?[] findings = ["Ignored for a normal image", "Edema/Effusion", null, " "];

        var result = FindingAuc.Compute(scores, abnormal, findings);

        Assert.Equal(["Edema", "Effusion"], result.Select(r => r.Finding));
        Assert.All(result, r => Assert.Equal((1, 1.0), (r.Count, r.Auc)));
    }

    [Fact]
    public void NoNormalImage_GivesNoFindings_AndMismatchedLengthsAreRejected()
    {
        Assert.Empty(FindingAuc.Compute([0.5], [true], ["Nodule"]));
        var error = Assert.Throws<ArgumentException>(() => FindingAuc.Compute([0.5, 0.1], [true], ["Nodule"]));
        Assert.Contains("2 scores, 1 labels and 1 findings", error.Message);
    }
}
