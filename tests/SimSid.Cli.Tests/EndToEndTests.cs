using System.Text.Json;

namespace SimSid.Cli.Tests;

/// <summary>synth, train, eval and score on the tiny preset, checking files and exit codes.</summary>
public sealed class EndToEndTests : IClassFixture<EndToEndTests.TrainedRun>
{
    private readonly TrainedRun run;

    public EndToEndTests(TrainedRun run) => this.run = run;

    /// <summary>One synthetic set and one trained tiny model, shared by the tests.</summary>
    public sealed class TrainedRun : IDisposable
    {
        public string Root { get; } = Directory.CreateTempSubdirectory("simsid-cli-").FullName;
        public string Data => Path.Combine(Root, "data");
        public string RunFolder => Path.Combine(Root, "run");
        public string ModelPath => Path.Combine(RunFolder, "model.simsid");
        public CliRunner.Result Synth { get; }
        public CliRunner.Result Train { get; }

        public TrainedRun()
        {
            Synth = CliRunner.Run("synth", "--out", Data, "--train", "24", "--val", "4", "--test", "8", "--size", "64", "--seed", "7");
            Train = CliRunner.Run("train", "--data", Data, "--preset", "tiny", "--epochs", "1", "--out", RunFolder);
        }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }

    [Fact]
    public void Train_WithoutAPreset_TrainsTheCpuRecipe_AndChoosesItsScoringModeOnTheValidationSplit()
    {
        string output = Path.Combine(run.Root, "cpu-run");
        var result = CliRunner.Run("train", "--data", run.Data, "--epochs", "1", "--out", output);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("Training preset cpu (64x64 network, 128x128 memories)", result.Output);
        Assert.Contains("scoring: the mode of the best validation AUC", result.Output);
        Assert.Matches(@"The feature memory describes its \d+ remembered training images with the pretrained network \(once\)\.\.\.\s+Measuring every score on the \d+ validation images\.\.\.", result.Output);
        Assert.Contains("Scoring mode chosen on the validation split:", result.Output);
        using var summary = TrainingSummary(output);
        var aucs = ValidationAucs(summary);
        Assert.Equal(["eval-bn", "feature-memory", "feature-memory-mean", "focal-and-diffuse", "memories", "paper", "patch-memory", "reconstruction"], aucs.Keys.Order());
        // The chosen mode is the one of the best validation AUC (ties go to the earlier mode, the paper's first).
        string chosen = summary.RootElement.GetProperty("scoringMode").GetString()!;
        Assert.Equal(aucs.Values.Max(), aucs[chosen]);
        Assert.Equal("cpu", summary.RootElement.GetProperty("options").GetProperty("preset").GetString());
        // Four validation images per class are too few to choose on, unless the chosen score separates them perfectly.
        var choiceWarning = summary.RootElement.GetProperty("choiceWarning");
        if (SimSid.Torch.Evaluation.AucUncertainty.StandardError(aucs[chosen], 4, 4) > SimSid.Torch.ScoringModes.UncertainChoiceStandardError)
        {
            Assert.Contains("4 normal and 4 abnormal validation images, too few to choose reliably", choiceWarning.GetString());
            Assert.Contains("Warning: the scoring mode was chosen on 4 normal", result.Output);
        }
        else Assert.Equal(JsonValueKind.Null, choiceWarning.ValueKind);

        // A loaded model describes its remembered images again before its first feature-memory score; eval says so first.
        var evaluation = CliRunner.Run("eval", "--model", Path.Combine(output, "model.simsid"), "--data", run.Data, "--out", Path.Combine(run.Root, "cpu-eval"));
        Assert.Equal(ExitCodes.Ok, evaluation.ExitCode);
        int remembered = summary.RootElement.GetProperty("trainingImages").GetInt32();
        Assert.Matches($@"The feature memory describes its {remembered} remembered training images with the pretrained network \(once\)\.\.\.\s+Scoring 16 test images", evaluation.Output);
    }

    [Fact]
    public void Train_WithAScoringMode_ScoresInThatModeWithoutChoosing()
    {
        string output = Path.Combine(run.Root, "patch-run");
        var result = CliRunner.Run("train", "--data", run.Data, "--preset", "tiny", "--epochs", "1", "--scoring", "patch-memory", "--out", output);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.DoesNotContain("chosen on the validation split", result.Output);
        using var summary = TrainingSummary(output);
        Assert.Equal("patch-memory", summary.RootElement.GetProperty("scoringMode").GetString());
        Assert.Equal(4, ValidationAucs(summary).Count);
        Assert.Equal(JsonValueKind.Null, summary.RootElement.GetProperty("choiceWarning").ValueKind);
    }

    [Fact]
    public void Synth_WritesTheZhangLabLayoutAndManifest()
    {
        Assert.Equal(ExitCodes.Ok, run.Synth.ExitCode);
        Assert.Equal(24, Directory.GetFiles(Path.Combine(run.Data, "train", "NORMAL")).Length);
        Assert.Equal(4, Directory.GetFiles(Path.Combine(run.Data, "val", "ABNORMAL")).Length);
        Assert.Equal(8, Directory.GetFiles(Path.Combine(run.Data, "test", "NORMAL")).Length);
        Assert.Equal(1 + 24 + 8 + 16, File.ReadAllLines(Path.Combine(run.Data, "manifest.csv")).Length);
        Assert.Contains("Wrote 48 images and manifest.csv", run.Synth.Output);
    }

    [Fact]
    public void Train_WritesModelCheckpointAndSummary()
    {
        Assert.Equal(ExitCodes.Ok, run.Train.ExitCode);
        Assert.True(File.Exists(run.ModelPath));
        Assert.True(File.Exists(Path.Combine(run.RunFolder, "checkpoint.simsid")));
        using var summary = TrainingSummary(run.RunFolder);
        Assert.Equal((24, 8), SplitSizes(summary));
        Assert.Equal(1, summary.RootElement.GetProperty("epochsTrained").GetInt32());
        Assert.Contains("epoch 1/1", run.Train.Output);
        Assert.Contains("validation AUC", run.Train.Output);
    }

    [Fact]
    public void Eval_WritesMetricsCurvesHistogramsAndReport()
    {
        string output = Path.Combine(run.Root, "eval");
        var result = CliRunner.Run("eval", "--model", run.ModelPath, "--data", run.Data, "--out", output);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        foreach (var file in new[] { "report.html", "metrics.json", "roc.png", "pr.png", "scores-simsid-paper-score.png", "scores-pca-baseline.png", "scores-simsid-reconstruction-error.png" })
            Assert.True(new FileInfo(Path.Combine(output, file)).Length > 0, file);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        foreach (var name in new[] { "auc", "prAuc", "accuracy", "f1", "sensitivity", "specificity", "threshold" })
            Assert.InRange(metrics.RootElement.GetProperty(name).GetDouble(), -1e9, 1e9);
        Assert.InRange(metrics.RootElement.GetProperty("auc").GetDouble(), 0, 1);
        Assert.Equal(16, metrics.RootElement.GetProperty("testImages").GetInt32());
        Assert.Equal("SimSID (paper score)", metrics.RootElement.GetProperty("method").GetString());
        var comparisons = metrics.RootElement.GetProperty("comparisons");
        Assert.Equal("PCA baseline", comparisons[0].GetProperty("name").GetString());
        // Every other scoring mode of the model is reported beside its own.
        Assert.Equal(["PCA baseline", "SimSID (reconstruction error)", "SimSID (patch memory)", "SimSID (eval-mode D)"],
            comparisons.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.All(comparisons.EnumerateArray(), c => Assert.InRange(c.GetProperty("auc").GetDouble(), 0, 1));
        // The synthetic manifest names each abnormal image's finding: every method gets a ROC-AUC per finding.
        var findings = metrics.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(["Cardiomegaly", "Consolidation", "Nodule", "PleuralEffusion", "Pneumothorax"], findings.Select(f => f.GetProperty("finding").GetString()));
        Assert.Equal(8, findings.Sum(f => f.GetProperty("images").GetInt32()));
        Assert.All(findings, f => Assert.InRange(f.GetProperty("auc").GetDouble(), 0, 1));
        Assert.Equal(5, comparisons[0].GetProperty("findings").GetArrayLength());
        string html = File.ReadAllText(Path.Combine(output, "report.html"));
        Assert.Contains("ROC-AUC per finding", html);
        Assert.Contains("ROC-AUC per finding", result.Output);
        Assert.Contains("Oracle operating point", html);
        Assert.Contains("<th>PCA baseline</th>", html);
        Assert.Equal(16 * 3, Directory.GetFiles(Path.Combine(output, "examples")).Length);
        Assert.Contains("ROC-AUC", result.Output);
    }

    [Fact]
    public void Score_WritesACsvRowPerImageAndHeatMaps()
    {
        string csv = Path.Combine(run.Root, "scores.csv"), heat = Path.Combine(run.Root, "heat");
        var result = CliRunner.Run("score", "--model", run.ModelPath, Path.Combine(run.Data, "test", "ABNORMAL"),
            Path.Combine(run.Data, "test", "NORMAL", "normal-00000.png"), "--out", csv, "--heatmaps", heat);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("path,score,raw_score,prediction,mode", lines[0]);
        Assert.Equal(1 + 8 + 1, lines.Length);
        // The tiny preset's model scores in the paper's mode.
        Assert.All(lines.Skip(1), l => Assert.Matches(@"^"".+\.png"",[0-9.E-]+,-?[0-9.E-]+,(normal|abnormal),paper$", l));
        Assert.Equal(9, Directory.GetFiles(heat, "*.png").Length);
        Assert.Contains("by the paper score", result.Output);
    }

    [Fact]
    public void Score_InAnotherStoredMode_WritesThatModesScoresAndPredictions()
    {
        string own = Path.Combine(run.Root, "own-mode.csv"), patch = Path.Combine(run.Root, "patch-mode.csv");
        Assert.Equal(ExitCodes.Ok, CliRunner.Run(["score", "--model", run.ModelPath, .. TestFolders, "--out", own]).ExitCode);
        var result = CliRunner.Run(["score", "--model", run.ModelPath, .. TestFolders, "--out", patch, "--scoring", "patch-memory"]);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("by the patch-memory score", result.Output);
        var ownRows = File.ReadAllLines(own).Skip(1).Select(l => l.Split(',')).ToList();
        var patchRows = File.ReadAllLines(patch).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(ownRows.Select(r => r[0]), patchRows.Select(r => r[0]));
        Assert.All(patchRows, r => Assert.Equal("patch-memory", r[4]));
        // A patch-memory raw score is a mean distance to the remembered patches: never negative, unlike a discriminator's logit.
        var raw = patchRows.Select(r => double.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(raw, r => Assert.True(r >= 0));
        Assert.NotEqual(ownRows.Select(r => r[2]), patchRows.Select(r => r[2]));
        // The same mode's scores through eval's path: ScoreEach of the loaded model, one threshold per mode.
        using var model = SimSid.Torch.SimSidModel.Load(run.ModelPath);
        double threshold = model.ThresholdFor(SimSid.Torch.ScoringMode.PatchMemory)!.Threshold;
        Assert.All(patchRows, r => Assert.Equal(double.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture) >= threshold ? "abnormal" : "normal", r[3]));
    }

    [Fact]
    public void Score_InAModeTheModelCannotScoreIn_OrResumingAnotherModesCsv_FailsAndKeepsTheCsv()
    {
        string csv = Path.Combine(run.Root, "paper-mode.csv");
        Assert.Equal(ExitCodes.Ok, CliRunner.Run(["score", "--model", run.ModelPath, .. TestFolders, "--out", csv]).ExitCode);
        string written = File.ReadAllText(csv);

        var unknown = CliRunner.Run(["score", "--model", run.ModelPath, .. TestFolders, "--out", csv, "--scoring", "best"]);
        // The tiny preset remembers no pretrained features.
        var missing = CliRunner.Run(["score", "--model", run.ModelPath, .. TestFolders, "--out", csv, "--scoring", "feature-memory"]);
        var mixed = CliRunner.Run(["score", "--model", run.ModelPath, .. TestFolders, "--out", csv, "--scoring", "reconstruction", "--resume"]);

        Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
        Assert.Contains("--scoring must be paper, eval-bn, reconstruction", unknown.Error);
        Assert.Equal(ExitCodes.Usage, missing.ExitCode);
        Assert.Contains("holds no threshold for the feature-memory score; it scores in paper", missing.Error);
        Assert.Equal(ExitCodes.Failed, mixed.ExitCode);
        Assert.Contains("holds scores in the paper mode and this run scores in the reconstruction mode", mixed.Error);
        Assert.Contains("Resume with --scoring paper", mixed.Error);
        Assert.Equal(written, File.ReadAllText(csv));
    }

    private string[] TestFolders => [Path.Combine(run.Data, "test", "NORMAL"), Path.Combine(run.Data, "test", "ABNORMAL")];

    [Fact]
    public void Score_Shards_ScoreEveryImageOnce_AndTheirCsvsConcatenateIntoTheWhole()
    {
        string whole = Path.Combine(run.Root, "whole.csv");
        Assert.Equal(ExitCodes.Ok, CliRunner.Run(["score", "--model", run.ModelPath, .. TestFolders, "--out", whole, "--batch-size", "3"]).ExitCode);

        var shards = Enumerable.Range(1, 3).Select(k =>
        {
            string csv = Path.Combine(run.Root, $"shard-{k}.csv");
            Assert.Equal(ExitCodes.Ok, CliRunner.Run(["score", "--model", run.ModelPath, .. TestFolders, "--out", csv, "--shard", $"{k}/3", "--batch-size", "3"]).ExitCode);
            return File.ReadAllLines(csv);
        }).ToList();

        var wholeRows = File.ReadAllLines(whole);
        Assert.Equal(1 + 16, wholeRows.Length);
        Assert.Equal([6, 5, 5], shards.Select(rows => rows.Length - 1));
        Assert.All(shards, rows => Assert.Equal(wholeRows[0], rows[0]));
        // Every image once, with its prediction; the scores agree to float precision: the batches hold other images, so
        // the kernels sum in another order, and a calibrated score's standardisation can magnify that to about 1e-5.
        var expected = wholeRows.Skip(1).Select(Row).OrderBy(r => r.Path).ToList();
        var actual = shards.SelectMany(rows => rows.Skip(1)).Select(Row).OrderBy(r => r.Path).ToList();
        Assert.Equal(expected.Select(r => (r.Path, r.Prediction)), actual.Select(r => (r.Path, r.Prediction)));
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First.Score, pair.Second.Score, 2e-4));
    }

    private static (string Path, double Score, string Prediction) Row(string line)
    {
        var fields = line.Split(',');
        return (fields[0], double.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), fields[3]);
    }

    [Fact]
    public void Score_ResumedAfterAnInterruption_WritesTheSameCsvAsAnUninterruptedRun()
    {
        string whole = Path.Combine(run.Root, "uninterrupted.csv"), resumed = Path.Combine(run.Root, "resumed.csv");
        Assert.Equal(ExitCodes.Ok, CliRunner.Run(["score", "--model", run.ModelPath, .. TestFolders, "--out", whole, "--batch-size", "4"]).ExitCode);
        // An interruption mid-write: the header, 6 rows (one batch and a half) and the start of a seventh.
        string text = File.ReadAllText(whole);
        int cut = Enumerable.Range(0, 7).Aggregate(0, (at, _) => text.IndexOf('\n', at) + 1) + 10;
        File.WriteAllText(resumed, text[..cut]);

        var result = CliRunner.Run(["score", "--model", run.ModelPath, .. TestFolders, "--out", resumed, "--batch-size", "4", "--resume"]);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("Resuming", result.Output);
        // The second batch may be incomplete, so it is scored again whole.
        Assert.Contains("4 images already scored", result.Output);
        Assert.Contains("Scored 12 images", result.Output);
        Assert.Equal(text, File.ReadAllText(resumed));
    }

    [Fact]
    public void Score_ResumingAFileThatIsNotAScoresCsv_OrABadShard_FailsSayingWhat()
    {
        string other = Path.Combine(run.Root, "not-scores.csv");
        File.WriteAllText(other, "id,value\n1,2\n");

        var resume = CliRunner.Run(["score", "--model", run.ModelPath, .. TestFolders, "--out", other, "--resume"]);
        var shard = CliRunner.Run(["score", "--model", run.ModelPath, .. TestFolders, "--shard", "4/3"]);

        Assert.Equal(ExitCodes.Failed, resume.ExitCode);
        Assert.Contains("is not a CSV written by simsid score", resume.Error);
        Assert.Equal("id,value\n1,2\n", File.ReadAllText(other));
        Assert.Equal(ExitCodes.Usage, shard.ExitCode);
        Assert.Contains("--shard \"4/3\" is not of the form K/N", shard.Error);
    }

    [Fact]
    public void Bench_Folder_TimesTheFolderScorerAgainstTheNetworkAlone()
    {
        string json = Path.Combine(run.Root, "bench.json");
        var result = CliRunner.Run("bench", "--preset", "tiny", "--steps", "2", "--scoring-batches", "1",
            "--folder", TestFolders[1], "--model", run.ModelPath, "--json", json);
        var missingModel = CliRunner.Run("bench", "--preset", "tiny", "--folder", TestFolders[1]);
        var oneStep = CliRunner.Run("bench", "--preset", "tiny", "--steps", "1");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("the folder scorer (decoding and CSV included)", result.Output);
        var written = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        var kernels = written.GetProperty("speed").GetProperty("kernels").GetString();
        Assert.Equal(SimSid.Torch.NativeKernels.Summary, kernels);
        Assert.Contains($"capped at {SimSid.Torch.NativeKernels.MaxCpuIsa};", kernels);
        Assert.Equal(SimSid.Torch.ManagedJit.Summary, written.GetProperty("speed").GetProperty("managedCode").GetString());
        var folder = written.GetProperty("folder");
        Assert.Equal(8, folder.GetProperty("images").GetInt32());
        Assert.True(folder.GetProperty("modelImagesPerSecond").GetDouble() > 0 && folder.GetProperty("folderImagesPerSecond").GetDouble() > 0);
        var rounds = folder.GetProperty("roundRatios").EnumerateArray().Select(r => r.GetDouble()).Order().ToList();
        Assert.Equal(5, rounds.Count);
        Assert.All(rounds, r => Assert.True(r > 0));
        Assert.Equal(rounds[2], folder.GetProperty("ratio").GetDouble(), 9);
        Assert.Equal(ExitCodes.Usage, missingModel.ExitCode);
        Assert.Contains("--folder needs --model", missingModel.Error + missingModel.Output);
        Assert.Equal(ExitCodes.Usage, oneStep.ExitCode);
        Assert.Contains("--steps must be at least 2", oneStep.Error + oneStep.Output);
    }

    [Fact]
    public void Score_SkipsAnUnreadableFileWithItsPath_OrFailsUnderStrict()
    {
        string bad = Path.Combine(run.Root, "corrupt.png");
        File.WriteAllText(bad, "not a png");
        string good = Path.Combine(run.Data, "test", "NORMAL", "normal-00001.png");
        string csv = Path.Combine(run.Root, "partial.csv");

        var lenient = CliRunner.Run("score", "--model", run.ModelPath, good, bad, "--out", csv);
        Assert.Equal(ExitCodes.Ok, lenient.ExitCode);
        Assert.Contains("Skipped 1 unreadable input image", lenient.Output);
        Assert.Contains(bad, lenient.Output);
        Assert.Equal(2, File.ReadAllLines(csv).Length);

        var strict = CliRunner.Run("score", "--model", run.ModelPath, good, bad, "--out", csv, "--strict");
        Assert.Equal(ExitCodes.Failed, strict.ExitCode);
        Assert.Contains(bad, strict.Error);
    }

    [Fact]
    public void Eval_Strict_OnADatasetWithACorruptImage_FailsNamingTheFile_WithoutAStackTrace()
    {
        string data = Path.Combine(run.Root, "corrupt-data");
        foreach (var file in Directory.EnumerateFiles(run.Data, "*", SearchOption.AllDirectories))
        {
            string copy = Path.Combine(data, Path.GetRelativePath(run.Data, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        string corrupt = Path.Combine(data, "test", "NORMAL", "normal-00002.png");
        File.WriteAllBytes(corrupt, File.ReadAllBytes(corrupt)[..100]);

        var result = CliRunner.Run("eval", "--model", run.ModelPath, "--data", data, "--out", Path.Combine(run.Root, "corrupt-eval"), "--strict");

        UsageTests.AssertFailedCleanly(result, $"Cannot load image '{corrupt}'");
    }

    [Fact]
    public void Eval_OfAFileThatIsNotAModel_OrATruncatedOne_SaysWhichAndWhat()
    {
        string notAModel = Path.Combine(run.Root, "notes.simsid");
        File.WriteAllText(notAModel, "not a model");
        var foreign = CliRunner.Run("eval", "--model", notAModel, "--data", run.Data);
        UsageTests.AssertFailedCleanly(foreign, $"\"{notAModel}\" is not a SimSID model or checkpoint file");

        string truncated = Path.Combine(run.Root, "truncated.simsid");
        File.WriteAllBytes(truncated, File.ReadAllBytes(run.ModelPath)[..1000]);
        var cut = CliRunner.Run("eval", "--model", truncated, "--data", run.Data);
        UsageTests.AssertFailedCleanly(cut, $"\"{truncated}\" is truncated");
    }

    [Fact]
    public void Eval_OfAMissingModel_FailsNamingIt()
    {
        string missing = Path.Combine(run.Root, "nope.simsid");
        var result = CliRunner.Run("eval", "--model", missing, "--data", run.Data);
        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains($"The model file \"{missing}\" does not exist.", result.Error);
    }

    [Fact]
    public void Train_Resume_ContinuesTheCheckpointToMoreEpochs()
    {
        string folder = Path.Combine(run.Root, "resume");
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("train", "--data", run.Data, "--preset", "tiny", "--epochs", "1", "--out", folder, "--no-validation").ExitCode);

        var resumed = CliRunner.Run("train", "--data", run.Data, "--preset", "tiny", "--epochs", "2", "--out", folder, "--no-validation", "--resume");

        Assert.Equal(ExitCodes.Ok, resumed.ExitCode);
        Assert.Contains("epoch 2/2", resumed.Output);
        Assert.DoesNotContain("epoch 1/2", resumed.Output);
        using var summary = TrainingSummary(folder);
        Assert.Equal(2, summary.RootElement.GetProperty("epochsTrained").GetInt32());
    }

    [Fact]
    public void Train_ChoosingOnASmallValidationSplit_LendsItTrainingImages_UnlessToldToKeepTheSplits()
    {
        string data = WithAbnormalTrainingImages("lending", 3);
        var (lent, lending, kept, keeping) = TrainLendingAndKeepingTheSplits(data);

        // 4 + 4 validation images; a tenth of the 24 normal training images and the 3 abnormal ones are lent.
        Assert.Equal(ExitCodes.Ok, lent.ExitCode);
        Assert.Contains("it is lent 2 of the normal training images (which leave the training set) and 3 abnormal training images", lent.Output);
        Assert.Contains("validates on 6 + 7", lent.Output);
        using var lentSummary = TrainingSummary(lending);
        Assert.Equal((22, 13), SplitSizes(lentSummary));
        Assert.Equal(2, lentSummary.RootElement.GetProperty("validationLent").GetProperty("normal").GetInt32());
        Assert.Equal(3, lentSummary.RootElement.GetProperty("validationLent").GetProperty("abnormal").GetInt32());

        Assert.Equal(ExitCodes.Ok, kept.ExitCode);
        Assert.DoesNotContain("it is lent", kept.Output);
        using var keptSummary = TrainingSummary(keeping);
        Assert.Equal((24, 8), SplitSizes(keptSummary));
        Assert.Equal(JsonValueKind.Null, keptSummary.RootElement.GetProperty("validationLent").ValueKind);
    }

    [Fact]
    public void Train_OnASetWithoutAValFolder_ValidatesOnLentTrainingImages_OrScoresWithTheRecipesDefaultWithoutThem()
    {
        string normalsOnly = WithoutValFolder("no-val", abnormalTrainingImages: 0), withAbnormal = WithoutValFolder("no-val-abnormal", 3);
        string unvalidated = Path.Combine(run.Root, "no-val-run"), lending = Path.Combine(run.Root, "no-val-lent");

        // The cpu recipe (no preset) has nothing to choose its score on: it keeps its default, the focal-and-diffuse score, and says why.
        var plain = CliRunner.Run("train", "--data", normalsOnly, "--epochs", "1", "--out", unvalidated);
        var lent = CliRunner.Run("train", "--data", withAbnormal, "--preset", "tiny", "--epochs", "2", "--scoring", "auto", "--out", lending);

        Assert.Equal(ExitCodes.Ok, plain.ExitCode);
        Assert.Contains("scoring: focal-and-diffuse score", plain.Output);
        Assert.Contains("no validation split to choose it on (give the data a val folder of normal and abnormal images", plain.Output);
        using var plainSummary = TrainingSummary(unvalidated);
        Assert.Equal("focal-and-diffuse", plainSummary.RootElement.GetProperty("scoringMode").GetString());
        Assert.Equal((24, 0), SplitSizes(plainSummary));
        Assert.Equal(JsonValueKind.Null, plainSummary.RootElement.GetProperty("validationAucs").ValueKind);
        Assert.False(plainSummary.RootElement.GetProperty("networkAucsCrossFitted").GetBoolean());

        // With abnormal training images, the validation split is made of them and a tenth of the normal ones.
        Assert.Equal(ExitCodes.Ok, lent.ExitCode);
        Assert.Contains("The validation split holds 0 normal and 0 abnormal images", lent.Output);
        Assert.Contains("validates on 2 + 3", lent.Output);
        using var lentSummary = TrainingSummary(lending);
        Assert.Equal((22, 5), SplitSizes(lentSummary));
        var aucs = ValidationAucs(lentSummary);
        Assert.Equal(aucs.Values.Max(), aucs[lentSummary.RootElement.GetProperty("scoringMode").GetString()!]);
        // The epoch kept was chosen on these images among two, so the network's scores compete with cross-fitted AUCs, and the run says so.
        Assert.True(lentSummary.RootElement.GetProperty("networkAucsCrossFitted").GetBoolean());
        Assert.Matches(@"The\s+network's\s+scores\s+\(paper,\s+eval-bn,\s+reconstruction\)\s+are\s+cross-fitted", lent.Output);
    }

    [Fact]
    public void Train_OnAValidationSplitOfNormalImagesOnly_LendsItAbnormalTrainingImages_OrTrainsWithoutIt()
    {
        string data = WithAbnormalTrainingImages("val-normal-only", 3);
        Directory.Delete(Path.Combine(data, "val", "ABNORMAL"), recursive: true);
        var (lent, lending, kept, keeping) = TrainLendingAndKeepingTheSplits(data);

        // 4 + 0 validation images: lent 2 normal and the 3 abnormal training images, the split has both classes.
        Assert.Equal(ExitCodes.Ok, lent.ExitCode);
        Assert.Contains("validates on 6 + 3", lent.Output);
        Assert.DoesNotContain("trains without validation", lent.Output);
        using var lentSummary = TrainingSummary(lending);
        Assert.Equal((22, 9), SplitSizes(lentSummary));
        Assert.Equal(JsonValueKind.Null, lentSummary.RootElement.GetProperty("validationSkipped").ValueKind);
        var aucs = ValidationAucs(lentSummary);
        Assert.Equal(aucs.Values.Max(), aucs[lentSummary.RootElement.GetProperty("scoringMode").GetString()!]);

        // Kept as it is, the split has no ROC-AUC: the run trains without it and says why.
        Assert.Equal(ExitCodes.Ok, kept.ExitCode);
        const string skipped = "The validation split holds 4 normal and 0 abnormal images: a validation ROC-AUC needs both, so this run trains without validation.";
        Assert.Contains(skipped, kept.Output);
        Assert.DoesNotContain("validation AUC", kept.Output);
        using var keptSummary = TrainingSummary(keeping);
        Assert.Equal((24, 0), SplitSizes(keptSummary));
        Assert.StartsWith(skipped, keptSummary.RootElement.GetProperty("validationSkipped").GetString());
        Assert.Equal(JsonValueKind.Null, keptSummary.RootElement.GetProperty("validationAucs").ValueKind);
    }

    [Fact]
    public void Train_ResumingACheckpointOfTheOtherSplitChoice_FailsSayingToResumeWithTheSameOne()
    {
        string data = WithAbnormalTrainingImages("resume-splits", 3), folder = Path.Combine(run.Root, "resume-splits-run");
        string[] train = ["train", "--data", data, "--preset", "tiny", "--scoring", "auto", "--out", folder];
        Assert.Equal(ExitCodes.Ok, CliRunner.Run([.. train, "--epochs", "1", "--keep-splits"]).ExitCode);

        var lending = CliRunner.Run([.. train, "--epochs", "2", "--resume"]);
        var keeping = CliRunner.Run([.. train, "--epochs", "2", "--resume", "--keep-splits"]);

        Assert.Equal(ExitCodes.Failed, lending.ExitCode);
        Assert.Contains("The checkpoint was trained on 24 other images", lending.Error);
        Assert.Contains("This run moved 2 normal training images to the validation split (see above); if the checkpoint was trained on the splits as they are", lending.Error);
        Assert.Equal(ExitCodes.Ok, keeping.ExitCode);
        Assert.Contains("epoch 2/2", keeping.Output);
    }

    [Fact]
    public void Train_WithAPositiveRatio_MixesInTheFirstTrainingAbnormals_OrRefusesARatioTheDataCannotMeet()
    {
        string data = WithAbnormalTrainingImages("contaminated", 2);
        string refused = Path.Combine(run.Root, "ratio-refused"), mixed = Path.Combine(run.Root, "ratio-mixed");

        var tooFew = CliRunner.Run("train", "--data", data, "--preset", "tiny", "--epochs", "1", "--out", refused, "--no-validation", "--positive-ratio", "0.5");
        var contaminated = CliRunner.Run("train", "--data", data, "--preset", "tiny", "--epochs", "1", "--out", mixed, "--no-validation", "--positive-ratio", "0.95");

        Assert.Equal(ExitCodes.Failed, tooFew.ExitCode);
        Assert.Contains("A positive ratio of 0.5 with 24 normal training images needs 12 abnormal training images, but only 2 are given.", tooFew.Error);
        Assert.DoesNotContain("epoch 1/1", tooFew.Output);
        Assert.False(File.Exists(Path.Combine(refused, "checkpoint.simsid")));
        Assert.Equal(ExitCodes.Ok, contaminated.ExitCode);
        // floor(24 * 0.95) = 22 normal images and the first 2 abnormal ones.
        Assert.Contains("on 24 images (2 abnormal by positive ratio 0.95)", contaminated.Output);
        using var summary = TrainingSummary(mixed);
        Assert.Equal(24, summary.RootElement.GetProperty("trainingImages").GetInt32());
    }

    /// <summary>
    /// Trains the tiny preset on <paramref name="data"/> for one epoch, choosing the score on validation, once lending the
    /// validation split training images and once with --keep-splits; returns each run's result and output folder.
    /// </summary>
    private (CliRunner.Result Lent, string LentFolder, CliRunner.Result Kept, string KeptFolder) TrainLendingAndKeepingTheSplits(string data)
    {
        string lending = data + "-lent", keeping = data + "-kept";
        string[] train = ["train", "--data", data, "--preset", "tiny", "--epochs", "1", "--scoring", "auto"];
        return (CliRunner.Run([.. train, "--out", lending]), lending, CliRunner.Run([.. train, "--out", keeping, "--keep-splits"]), keeping);
    }

    /// <summary>The training.json a run wrote into <paramref name="folder"/>.</summary>
    private static JsonDocument TrainingSummary(string folder) => JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "training.json")));

    /// <summary>The training and validation image counts a run's training.json reports.</summary>
    private static (int Training, int Validation) SplitSizes(JsonDocument summary) =>
        (summary.RootElement.GetProperty("trainingImages").GetInt32(), summary.RootElement.GetProperty("validationImages").GetInt32());

    /// <summary>Every score's validation ROC-AUC in a run's training.json, by short name.</summary>
    private static Dictionary<string, double> ValidationAucs(JsonDocument summary) =>
        summary.RootElement.GetProperty("validationAucs").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());

    /// <summary>A copy of the shared set named <paramref name="name"/>, with its first <paramref name="count"/> abnormal test images also in train/ABNORMAL.</summary>
    private string WithAbnormalTrainingImages(string name, int count)
    {
        string data = Path.Combine(run.Root, name);
        CopyFolder(run.Data, data);
        var abnormal = Directory.CreateDirectory(Path.Combine(data, "train", "ABNORMAL")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(run.Data, "test", "ABNORMAL")).Order().Take(count))
            File.Copy(file, Path.Combine(abnormal, Path.GetFileName(file)));
        return data;
    }

    /// <summary>A copy of the shared set named <paramref name="name"/> without its val folder, with abnormal training images as above.</summary>
    private string WithoutValFolder(string name, int abnormalTrainingImages)
    {
        string data = WithAbnormalTrainingImages(name, abnormalTrainingImages);
        if (abnormalTrainingImages == 0) Directory.Delete(Path.Combine(data, "train", "ABNORMAL"));
        Directory.Delete(Path.Combine(data, "val"), recursive: true);
        return data;
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var folder in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, folder)));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    [Fact]
    public void Train_Cancelled_ExitsWith130AndKeepsTheCheckpoint()
    {
        string folder = Path.Combine(run.Root, "cancelled");
        using var cancel = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            // Cancel once the first epoch's checkpoint exists.
            while (!File.Exists(Path.Combine(folder, "checkpoint.simsid"))) await Task.Delay(50);
            cancel.Cancel();
        });

        var result = CliRunner.Run(cancel.Token, "train", "--data", run.Data, "--preset", "tiny", "--epochs", "200", "--out", folder, "--no-validation");

        Assert.Equal(ExitCodes.Cancelled, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(folder, "checkpoint.simsid")));
        Assert.Contains("continue with the same command and --resume", result.Output);
        Assert.False(File.Exists(Path.Combine(folder, "model.simsid")));
    }
}
