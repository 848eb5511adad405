using SimSid.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SimSid.Cli;

/// <summary>Entry point of the simsid command-line tool.</summary>
public static class Program
{
    /// <summary>Runs the command given on the command line; see <see cref="ExitCodes"/>.</summary>
    public static int Main(string[] args)
    {
        // Logs and CI get whole lines rather than an 80-column wrap.
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 200;
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C stops the run at the next safe point; a second one kills the process.
            if (cancellation.IsCancellationRequested) return;
            e.Cancel = true;
            cancellation.Cancel();
            AnsiConsole.MarkupLine("[yellow]Stopping at the next step (press Ctrl+C again to kill)...[/]");
        };
        return Run(args, cancellation.Token);
    }

    /// <summary>Runs a command line (tests call this in-process).</summary>
    public static int Run(string[] args, CancellationToken cancellationToken = default)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("simsid");
            // An unknown option is an error, not ignored: "--epoch 20" must not train the default number of epochs.
            config.UseStrictParsing();
            config.Settings.CancellationExitCode = ExitCodes.Cancelled;
            config.SetExceptionHandler((exception, _) => ErrorReporter.Report(exception));
            config.AddCommand<DemoCommand>("demo")
                .WithDescription("The main job: synthesize radiographs, train SimSID on the CPU, evaluate it beside a pixel-PCA baseline, write a report.")
                .WithExample("demo");
            config.AddCommand<SynthCommand>("synth")
                .WithDescription("Write the synthetic chest-radiograph dataset (ZhangLab layout, PNG).")
                .WithExample("synth", "--out", "data/synthetic");
            config.AddCommand<TrainCommand>("train")
                .WithDescription("Train SimSID on a dataset's normal training images (Ctrl+C keeps a resumable checkpoint).")
                .WithExample("train", "--data", "data/synthetic", "--preset", "small", "--out", "runs/small");
            config.AddCommand<EvalCommand>("eval")
                .WithDescription("Evaluate a model on a test split beside the pixel-PCA baseline: metrics, curves, HTML report.")
                .WithExample("eval", "--model", "runs/small/model.simsid", "--data", "data/synthetic");
            config.AddCommand<ScoreCommand>("score")
                .WithDescription("Score image files or folders; write a CSV and optional heat maps.")
                .WithExample("score", "--model", "runs/small/model.simsid", "images/", "--heatmaps", "heat");
            config.AddCommand<BaselineCommand>("baseline")
                .WithDescription("Evaluate ML.NET's randomized-PCA anomaly detector on raw pixels, reported like SimSID.")
                .WithExample("baseline", "--data", "data/synthetic");
            config.AddCommand<ImportCommand>("import")
                .WithDescription("Import a checkpoint trained with the reference PyTorch code (model.pth, discriminator.pth) and calibrate it.")
                .WithExample("import", "--generator", "model.pth", "--discriminator", "discriminator.pth", "--preset", "zhang", "--data", "zhanglab", "--out", "zhang.simsid");
            config.AddCommand<DescribeCommand>("describe")
                .WithDescription("Print a preset's architecture and parameter counts.")
                .WithExample("describe", "--preset", "zhang");
            config.AddCommand<BenchCommand>("bench")
                .WithDescription("Measure training-step time and scoring throughput of a preset on this machine.")
                .WithExample("bench", "--preset", "small", "--json", "bench.json");
        });
        return app.Run(args, cancellationToken);
    }
}
