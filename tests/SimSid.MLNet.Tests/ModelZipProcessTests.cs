using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.ML;
using SimSid.MLNet.Tests.Support;

namespace SimSid.MLNet.Tests;

public sealed class ModelZipProcessTests : IDisposable
{
    private static readonly TimeSpan s_childTimeout = TimeSpan.FromMinutes(2);

    private readonly string _directory = Directory.CreateTempSubdirectory("simsid-mlnet-process-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ModelZip_LoadedInASeparateProcess_GivesIdenticalScores()
    {
        var ml = new MLContext(seed: 1);
        var rows = TestImages.Rows(normal: 30, anomalous: 10);
        var data = ml.Data.LoadFromEnumerable(rows);
        using var model = Pipelines.Estimator(ml).Fit(data);
        var expected = Scored.Scores(model.Transform(data));
        string zip = Path.Combine(_directory, "model.zip"), images = Path.Combine(_directory, "images.f32"),
            scores = Path.Combine(_directory, "scores.f32");
        ml.Model.Save(model, data.Schema, zip);
        ModelZipChildProcess.WriteImages(images, rows.Select(r => r.Pixels));

        var (exitCode, output) = RunThisAssembly(ModelZipChildProcess.Command, zip, images, scores);

        Assert.True(exitCode == 0, $"The child process exited with {exitCode}:\n{output}");
        Assert.Equal(expected, ModelZipChildProcess.ReadSingles(scores));
    }

    private static (int ExitCode, string Output) RunThisAssembly(params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(ModelZipChildProcess).Assembly.Location);
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(s_childTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The child process did not finish within {s_childTimeout}.");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>The dotnet executable running this test (also when the runner launched a test host).</summary>
    private static string DotnetHost()
    {
        string executable = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
        string? fromCli = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (File.Exists(fromCli))
            return fromCli;
        if (Path.GetFileName(Environment.ProcessPath) == executable)
            return Environment.ProcessPath!;
        // The shared runtime lives in <dotnet root>/shared/Microsoft.NETCore.App/<version>/.
        string root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        string beside = Path.Combine(root, executable);
        return File.Exists(beside) ? beside : executable;
    }
}
