namespace SimSid.Cli.Tests;

/// <summary>Wrong command lines and wrong data give a clear message and the documented exit code.</summary>
public sealed class UsageTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("simsid-usage-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>
    /// An expected failure: exit code 1 and its message on standard error, without the "Unexpected error"
    /// of a bug and without a stack trace.
    /// </summary>
    internal static void AssertFailedCleanly(CliRunner.Result result, params string[] expected)
    {
        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.StartsWith("simsid: error: ", result.Error);
        foreach (var text in expected) Assert.Contains(text, result.Error);
        Assert.DoesNotContain("Unexpected error", result.Error);
        Assert.DoesNotMatch(@"(?m)^\s+at \S", result.Error);
    }

    [Fact]
    public void UnknownCommand_IsAUsageError()
    {
        var result = CliRunner.Run("frobnicate");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
    }

    [Theory]
    [InlineData("train", "--data", "--epoch")]
    [InlineData("score", "--model", "--mode")]
    public void AnUnknownOption_IsAUsageError_NamingIt_InsteadOfBeingIgnored(string command, string known, string unknown)
    {
        // A misspelt option ("--epoch" for "--epochs") must not run with the default silently.
        var result = CliRunner.Run(command, known, folder, unknown, "3", folder);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal($"simsid: error: Unknown option '{unknown.TrimStart('-')}'. Run the command with --help to list its options.", result.Error.Trim());
    }

    [Fact]
    public void UnknownPreset_ListsTheKnownOnes()
    {
        var result = CliRunner.Run("describe", "--preset", "zhanglab");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("Unknown SimSID preset \"zhanglab\". Known presets: zhang, chexpert, covidx, cpu, small, tiny.", result.Error);
    }

    [Fact]
    public void Train_WithoutData_SaysDataIsRequired()
    {
        var result = CliRunner.Run("train", "--preset", "tiny");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--data is required", result.Error);
    }

    [Fact]
    public void Train_WithAnUnknownScoringMode_ListsTheKnownOnes()
    {
        var result = CliRunner.Run("train", "--data", folder, "--preset", "tiny", "--scoring", "mse");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--scoring must be auto, paper, eval-bn, reconstruction, patch-memory, feature-memory, memories, feature-memory-mean, focal-and-diffuse (got \"mse\").", result.Error);
    }

    [Fact]
    public void Train_WithANegativeImageCache_SaysWhatItMustBe()
    {
        var result = CliRunner.Run("train", "--data", folder, "--preset", "tiny", "--image-cache-mb", "-5");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--image-cache-mb must be 0 or more (got -5).", result.Error);
    }

    [Fact]
    public void Train_OnAnEmptyFolder_DescribesTheExpectedLayouts()
    {
        var result = CliRunner.Run("train", "--data", folder, "--preset", "tiny");
        AssertFailedCleanly(result, $"'{folder}' is not a recognised dataset layout. The folder is empty.", "ZhangLab");
    }

    [Fact]
    public void Train_OnAMissingFolder_SaysItDoesNotExist()
    {
        string missing = Path.Combine(folder, "absent");
        var result = CliRunner.Run("train", "--data", missing, "--preset", "tiny");
        AssertFailedCleanly(result, $"The dataset folder '{missing}' does not exist.");
    }

    [Fact]
    public void Train_OnAZhangLabSplitWithoutImages_NamesTheFolder()
    {
        Directory.CreateDirectory(Path.Combine(folder, "train", "NORMAL"));
        Directory.CreateDirectory(Path.Combine(folder, "test", "NORMAL"));
        Directory.CreateDirectory(Path.Combine(folder, "test", "PNEUMONIA"));
        var result = CliRunner.Run("train", "--data", folder, "--preset", "tiny");
        AssertFailedCleanly(result, Path.Combine(folder, "train", "NORMAL"));
    }

    [Fact]
    public void Train_Strict_OnACorruptImage_NamesTheFile()
    {
        string corrupt = Path.Combine(folder, "corrupt.png");
        File.WriteAllText(corrupt, "not a png");
        var result = CliRunner.Run("train", "--data", folder, "--preset", "tiny", "--strict");
        AssertFailedCleanly(result, $"Cannot load image '{corrupt}'");
    }

    [Fact]
    public void Train_WithInvalidOptions_ListsTheProblem()
    {
        Directory.CreateDirectory(Path.Combine(folder, "imgs"));
        var result = CliRunner.Run("train", "--data", folder, "--preset", "tiny", "--batch-size", "0");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("Training.BatchSize must be at least 1 (got 0).", result.Error);
    }

    [Fact]
    public void Describe_PrintsTheArchitectureWithTheReferenceParameterCount_AndHowTheMemoriesMatch()
    {
        var result = CliRunner.Run("describe", "--preset", "zhang");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("44,469,506", result.Output);
        Assert.Contains("1,093,953", result.Output);
        Assert.Contains("In-painting block", result.Output);
        Assert.Contains("each place meets the remembered places up to 2 away, and the 2 places along each edge are not scored", result.Output);
        Assert.DoesNotContain("chosen on the validation split", result.Output);
        Assert.Contains("Training: 1000 epochs, batch 16", result.Output);
        var cpu = CliRunner.Run("describe", "--preset", "cpu").Output;
        Assert.Contains("The score is chosen on the validation split when one is given, and is the focal-and-diffuse score otherwise.", cpu);
        Assert.Contains("Training: 12 epochs (at most 1,500 steps: fewer epochs on a larger training set), batch 16", cpu);
    }

    [Fact]
    public void Synth_IntoANonEmptyFolder_Refuses()
    {
        File.WriteAllText(Path.Combine(folder, "keep.txt"), "mine");
        var result = CliRunner.Run("synth", "--out", folder, "--train", "2", "--val", "1", "--test", "1");
        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains(folder, result.Error);
        Assert.True(File.Exists(Path.Combine(folder, "keep.txt")));
    }
}
