using SimSid.Torch.Import;
using SimSid.Torch.Network;
using SimSid.Torch.Tests.Support;
using SimSid.Tests.Shared;
using static TorchSharp.torch;

namespace SimSid.Torch.Tests.Network;

/// <summary>Our network loaded with the reference weights computes the reference's outputs.</summary>
public sealed class ReferenceParityTests
{
    private const double Tolerance = 1e-4;
    private static readonly NetworkOptions SmallNetwork = SimSidPresets.Small.Network;

    private static (SimSidGenerator Generator, Discriminator Discriminator) LoadReference()
    {
        var generator = new SimSidGenerator(SmallNetwork);
        var discriminator = new Discriminator(SmallNetwork);
        ReferenceCheckpoint.LoadGenerator(generator, ReferenceData.PathOf("simsid_small_ae.pth"));
        ReferenceCheckpoint.LoadDiscriminator(discriminator, ReferenceData.PathOf("simsid_small_disc.pth"));
        return (generator, discriminator);
    }

    private static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        double maxError = (expected - actual).abs().max().item<float>();
        Console.WriteLine($"{what}: max abs error {maxError:E2}");
        Assert.True(maxError <= Tolerance, $"{what}: max abs error {maxError:E3} > {Tolerance:E0}");
    }

    [ReferenceFact]
    public void ReferenceParity_EvalMode_MatchesReconstructionsDistillationAndLogits()
    {
        using var scope = NewDisposeScope();
        var (generator, discriminator) = LoadReference();
        generator.eval();
        discriminator.eval();
        var input = ReferenceData.ReadFloat32("input.f32", 2, 1, 64, 64);
        using var _ = no_grad();

        var output = generator.call(input);

        AssertClose(ReferenceData.ReadFloat32("eval_recon.f32", 2, 1, 64, 64), output.Reconstruction, "eval_recon");
        AssertClose(ReferenceData.ReadFloat32("eval_teacher_recon.f32", 2, 1, 64, 64), output.TeacherReconstruction!, "eval_teacher_recon");
        AssertClose(ReferenceData.ReadFloat32("eval_dist_loss.f32", 1), output.DistillationLoss!.reshape(1), "eval_dist_loss");
        AssertClose(ReferenceData.ReadFloat32("eval_disc_on_recon.f32", 2, 1), discriminator.call(output.Reconstruction), "eval_disc_on_recon");
        AssertClose(ReferenceData.ReadFloat32("eval_disc_on_input.f32", 2, 1), discriminator.call(input), "eval_disc_on_input");
    }

    // A scoring pass keeps weights folded with their normalisations; the import must make the next pass fold the imported ones.
    [ReferenceFact]
    public void ReferenceParity_ImportIntoAGeneratorThatHasScored_ReconstructsWithTheImportedWeights()
    {
        using var scope = NewDisposeScope();
        var generator = new SimSidGenerator(SmallNetwork);
        generator.eval();
        var input = ReferenceData.ReadFloat32("input.f32", 2, 1, 64, 64);
        using var _ = no_grad();
        generator.Reconstruct(input);

        ReferenceCheckpoint.LoadGenerator(generator, ReferenceData.PathOf("simsid_small_ae.pth"));

        AssertClose(ReferenceData.ReadFloat32("eval_recon.f32", 2, 1, 64, 64), generator.Reconstruct(input), "eval_recon after scoring");
    }

    [ReferenceFact]
    public void ReferenceParity_TrainingMode_MatchesReconstructionsAndDistillation()
    {
        using var scope = NewDisposeScope();
        var (generator, _) = LoadReference();
        generator.train();
        var input = ReferenceData.ReadFloat32("input.f32", 2, 1, 64, 64);

        var output = generator.call(input);

        AssertClose(ReferenceData.ReadFloat32("train_recon.f32", 2, 1, 64, 64), output.Reconstruction, "train_recon");
        AssertClose(ReferenceData.ReadFloat32("train_teacher_recon.f32", 2, 1, 64, 64), output.TeacherReconstruction!, "train_teacher_recon");
        AssertClose(ReferenceData.ReadFloat32("train_dist_loss.f32", 1), output.DistillationLoss!.reshape(1), "train_dist_loss");
    }

    [ReferenceFact]
    public void ReferenceParity_Import_UsesEveryKeyAndSkipsOnlyTheUnusedConv()
    {
        var generator = new SimSidGenerator(SmallNetwork);
        var report = ReferenceCheckpoint.LoadGenerator(generator, ReferenceData.PathOf("simsid_small_ae.pth"));
        Assert.Equal(["inpaint_block.conv.bias", "inpaint_block.conv.weight"], report.Skipped.Order());
        Assert.Equal(generator.state_dict().Count, report.Imported);
    }

    [ReferenceFact]
    public void ReferenceParity_Import_IntoAnotherConfig_ListsMisShapedKeysAndLoadsNothing()
    {
        var other = new SimSidGenerator(SmallNetwork with { DecoderMemorySlots = 40 });
        var before = other.state_dict()["encoder.stem.conv.weight"].clone();

        var error = Assert.Throws<ReferenceImportException>(() =>
            ReferenceCheckpoint.LoadGenerator(other, ReferenceData.PathOf("simsid_small_ae.pth")));

        Assert.Equal(8, error.MisShaped.Count);
        Assert.Contains(error.MisShaped, m => m.StartsWith("memory_blocks.0.memory.0.memMatrix [50, 512] -> student.memories.0.windows.0.slots [40, 512]"));
        Assert.Empty(error.Missing);
        Assert.Empty(error.Unexpected);
        Assert.Contains("Mis-shaped (8)", error.Message);
        Assert.Equal(before.data<float>().ToArray(), other.state_dict()["encoder.stem.conv.weight"].data<float>().ToArray());
    }

    [ReferenceFact]
    public void ReferenceParity_Import_WithoutTeacher_ReportsTheTeacherKeysAsUnexpected()
    {
        var noTeacher = new SimSidGenerator(SmallNetwork with { TeacherDecoder = false });

        var error = Assert.Throws<ReferenceImportException>(() =>
            ReferenceCheckpoint.LoadGenerator(noTeacher, ReferenceData.PathOf("simsid_small_ae.pth")));

        Assert.Contains("teacher_out.conv.weight", error.Unexpected);
        Assert.All(error.Unexpected, k => Assert.StartsWith("teacher_", k));
        Assert.Empty(error.Missing);
    }
}
