using SimSid.Tests.Shared;
using SimSid.Torch;

namespace SimSid.Cli.Tests;

/// <summary>simsid import turns the reference's state dicts into a calibrated model file.</summary>
public sealed class ImportTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("simsid-import-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [ReferenceFact]
    public void Import_OfTheReferenceSmallCheckpoint_WritesACalibratedModelThatScores()
    {
        string data = Path.Combine(folder, "data"), model = Path.Combine(folder, "imported.simsid");
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("synth", "--out", data, "--train", "8", "--val", "2", "--test", "2", "--size", "64").ExitCode);

        var result = CliRunner.Run("import", "--preset", "small", "--data", data, "--out", model,
            "--generator", ReferenceData.PathOf("simsid_small_ae.pth"), "--discriminator", ReferenceData.PathOf("simsid_small_disc.pth"));

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("skipped the reference's unused inpaint_block.conv.", result.Output);
        using var imported = SimSidModel.Load(model);
        Assert.True(imported.IsReady);
        Assert.Equal(8, imported.Calibration!.ImageCount);
        Assert.Equal(2, imported.Score([new float[64 * 64], Enumerable.Repeat(0.5f, 64 * 64).ToArray()]).Length);
    }

    [ReferenceFact]
    public void Import_IntoTheWrongPreset_ListsTheMismatchedTensors()
    {
        string data = Path.Combine(folder, "data");
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("synth", "--out", data, "--train", "4", "--val", "1", "--test", "1", "--size", "64").ExitCode);

        var result = CliRunner.Run("import", "--preset", "tiny", "--data", data, "--out", Path.Combine(folder, "x.simsid"),
            "--generator", ReferenceData.PathOf("simsid_small_ae.pth"), "--discriminator", ReferenceData.PathOf("simsid_small_disc.pth"));

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("does not match this network's configuration", result.Error);
        Assert.Contains("Mis-shaped", result.Error);
    }
}
