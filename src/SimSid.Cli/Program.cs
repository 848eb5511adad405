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
            config.Settings.CancellationExitCode = ExitCodes.Cancelled;
            config.SetExceptionHandler((exception, _) => ErrorReporter.Report(exception));
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
