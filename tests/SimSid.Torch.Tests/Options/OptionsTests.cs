using System.Text.Json;
using System.Text.Json.Nodes;
using SimSid.Torch.Persistence;

namespace SimSid.Torch.Tests.Options;

public sealed class OptionsTests
{
    [Fact]
    public void Presets_AreValid_AndCarryThePapersValues()
    {
        foreach (var name in SimSidPresets.Names) SimSidPresets.Get(name).Validate();

        var zhang = SimSidPresets.Zhang;
        Assert.Equal((128, 32, 4, 2, 2), (zhang.Network.ImageSize, zhang.Network.FeaturesRoot, zhang.Network.Levels, zhang.Network.PatchGrid, zhang.Network.InitialCombine));
        Assert.Equal((200, 5, 1.0, true, 8), (zhang.Network.InpaintingSlots, zhang.Network.InpaintingTopK, zhang.Network.InpaintingMaskRatio, zhang.Network.InpaintingUsesQueue, zhang.Network.AttentionHeads));
        Assert.Equal((1000, 16, 1e-4, 2, 300, 1e-5), (zhang.Training.Epochs, zhang.Training.BatchSize, zhang.Training.LearningRate, zhang.Training.CriticSteps, zhang.Training.CosineTMax, zhang.Training.CosineEtaMin));
        Assert.Equal((10.0, 0.01, 0.001, 0.005, 0.005), (zhang.Training.ReconstructionWeight, zhang.Training.TeacherReconstructionWeight, zhang.Training.DistillationWeight, zhang.Training.AdversarialWeight, zhang.Training.DiscriminatorLossWeight));
        Assert.Equal((0.5, 0.999, 1e-7, 1e-5), (zhang.Training.AdamBeta1, zhang.Training.AdamBeta2, zhang.Training.GeneratorAdamEpsilon, zhang.Training.GeneratorWeightDecay));

        var chexpert = SimSidPresets.CheXpert;
        Assert.Equal((false, 0.9, 600, 5e-5, 0.9), (chexpert.Network.InpaintingUsesQueue, chexpert.Network.InpaintingMaskRatio, chexpert.Training.Epochs, chexpert.Training.CosineEtaMin, chexpert.Training.PositiveRatio));
        var covidx = SimSidPresets.Covidx;
        Assert.Equal((false, 1.0, 300, 1e-5, 0.7), (covidx.Network.InpaintingUsesQueue, covidx.Network.InpaintingMaskRatio, covidx.Training.Epochs, covidx.Training.CosineEtaMin, covidx.Training.PositiveRatio));
    }

    [Fact]
    public void OnlyTheCpuRecipe_TakesTheMeanOverTheImageFromTheThirdStage_AndOptionsSavedWithoutTheSettingKeepTheSecond()
    {
        Assert.Equal(ResNetStage.Third, SimSidPresets.Cpu.Scoring.FeatureMemoryMeanStage);
        Assert.All(SimSidPresets.Names.Where(n => n != "cpu"), n => Assert.Equal(ResNetStage.Second, SimSidPresets.Get(n).Scoring.FeatureMemoryMeanStage));

        // Model files written before the setting existed hold options without it: their mean mode read the second stage.
        var json = JsonNode.Parse(JsonSerializer.Serialize(SimSidPresets.Cpu, ModelFile.JsonOptions))!;
        Assert.Equal("Third", (string?)json["scoring"]!["featureMemoryMeanStage"]);
        Assert.True(json["scoring"]!.AsObject().Remove("featureMemoryMeanStage"));
        var older = json.Deserialize<SimSidOptions>(ModelFile.JsonOptions)!;

        Assert.Equal(ResNetStage.Second, older.Scoring.FeatureMemoryMeanStage);
        Assert.Equal(SimSidPresets.Cpu.Scoring with { FeatureMemoryMeanStage = ResNetStage.Second }, older.Scoring);
    }

    [Fact]
    public void DerivedSizes_FollowThePaper()
    {
        var zhang = SimSidPresets.Zhang.Network;
        Assert.Equal((64, 4, 4, 2048, 3, 4), (zhang.WindowSize, zhang.WindowCount, zhang.BottleneckSize, zhang.InpaintingChannels, zhang.PositionCodeBits, zhang.DiscriminatorOutputSize));
        Assert.Equal(256, SimSidPresets.Small.Network.InpaintingChannels);
    }

    [Fact]
    public void ImageSizeNotDivisibleByTheWindowGrid_IsReportedWithAFix()
    {
        var options = SimSidPresets.Zhang with { Network = SimSidPresets.Zhang.Network with { ImageSize = 100 } };

        var error = Assert.Throws<SimSidOptionsException>(() => options.Validate());

        Assert.Contains("Network.ImageSize 100 is not divisible by PatchGrid x 2^Levels = 2 x 16 = 32; use a multiple of 32 such as 96 or 128.", error.Message);
    }

    [Fact]
    public void TheCpuRecipe_TrainsItsTwelveEpochsOnUpTo2000Images_AndTheMostWholeEpochsWithin1500StepsOnMore()
    {
        var training = SimSidPresets.Cpu.Training;

        Assert.Equal(1500, training.MaxSteps);
        Assert.Equal(12, training.EpochsFor(1241));
        Assert.Equal(12, training.EpochsFor(2000));   // 125 steps of 16 an epoch: 1,500 in 12
        Assert.Equal(11, training.EpochsFor(2001));   // 126
        Assert.Equal(4, training.EpochsFor(5000));    // 313
        Assert.Equal(1, training.EpochsFor(30000));   // one epoch of 1,875 steps, beyond the bound: never none
        Assert.Equal("12 epochs", training.DescribeEpochs(1241));
        Assert.Equal("4 epochs (12 would take 3,756 steps of 16 over 5,000 images; the preset trains at most 1,500 steps: " +
            "name the epochs to train them all)", training.DescribeEpochs(5000));
        Assert.StartsWith("1 epoch (12 would take 22,500 steps", training.DescribeEpochs(30000));
        // Without the bound, every preset of the paper trains its epochs whatever the training set's size.
        foreach (var paper in new[] { SimSidPresets.Zhang, SimSidPresets.CheXpert, SimSidPresets.Covidx, SimSidPresets.Small })
        {
            Assert.Null(paper.Training.MaxSteps);
            Assert.Equal(paper.Training.Epochs, paper.Training.EpochsFor(1_000_000));
        }
    }

    [Fact]
    public void EveryInvalidValue_IsListed()
    {
        var options = SimSidPresets.Small with
        {
            Network = SimSidPresets.Small.Network with { DecoderMemoryWindows = 3, InpaintingTopK = 60, InpaintingMaskRatio = 1.5 },
            Training = SimSidPresets.Small.Training with { BatchSize = 0, PositiveRatio = 0, MaxSteps = 0 },
            Scoring = new ScoringOptions { ThresholdQuantile = 1, MemorySearchRadius = -1, MemoryBorder = 9 },
            Device = "gpu",
        };

        var error = Assert.Throws<SimSidOptionsException>(() => options.Validate());

        Assert.Equal(10, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.StartsWith("Network.DecoderMemoryWindows must be a perfect square"));
        Assert.Contains("Network.InpaintingTopK must be between 1 and InpaintingSlots = 50 (got 60).", error.Problems);
        Assert.Contains("Network.InpaintingMaskRatio must be in [0, 1] (got 1.5).", error.Problems);
        Assert.Contains("Training.BatchSize must be at least 1 (got 0).", error.Problems);
        Assert.Contains("Training.PositiveRatio must be in (0, 1] (got 0).", error.Problems);
        Assert.Contains("Training.MaxSteps must be at least 1 when set (got 0).", error.Problems);
        Assert.Contains("Scoring.ThresholdQuantile must be in (0, 1) (got 1).", error.Problems);
        Assert.Contains("Scoring.MemorySearchRadius must be in [0, 8] places (got -1).", error.Problems);
        Assert.Contains("Scoring.MemoryBorder must be in [0, 8] places (got 9).", error.Problems);
        Assert.Contains("Device must be \"cpu\", \"cuda\" or \"cuda:N\" (got \"gpu\").", error.Problems);
    }

    [Fact]
    public void DecoderMemoriesAfterTheStitch_AreRejected()
    {
        var options = SimSidPresets.Small with { Network = SimSidPresets.Small.Network with { DecoderMemoryStages = 3 } };
        var error = Assert.Throws<SimSidOptionsException>(() => options.Validate());
        Assert.Contains("Network.DecoderMemoryStages must be between 0 and Levels - InitialCombine = 2", error.Message);
    }

    [Fact]
    public void UnknownPreset_NamesTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => SimSidPresets.Get("zhanglab"));
        Assert.Contains("Unknown SimSID preset \"zhanglab\". Known presets: zhang, chexpert, covidx, cpu, small, tiny.", error.Message);
    }
}
