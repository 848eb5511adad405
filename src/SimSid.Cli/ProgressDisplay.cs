using System.Diagnostics;
using Spectre.Console;

namespace SimSid.Cli;

/// <summary>
/// Shows the progress of work over many images (scoring, reading a split): a live bar (<see cref="LiveBar"/>) with
/// images/s and ETA on an interactive terminal, a line about every tenth of the work otherwise (logs, CI).
/// </summary>
internal sealed class ProgressDisplay
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly string verb;
    private readonly int total;
    private LiveBar? bar;
    private int done, nextLine;

    private ProgressDisplay(string verb, int total) => (this.verb, this.total) = (verb, total);

    /// <summary>
    /// Runs <paramref name="work"/> under <paramref name="title"/> (as "Scoring 624 images"), which reports each batch's
    /// image count to the display it is given; the display then says how many images were <paramref name="verb"/>.
    /// </summary>
    public static T Run<T>(string title, string verb, int total, Func<ProgressDisplay, T> work)
    {
        var display = new ProgressDisplay(verb, total);
        if (total == 0) return work(display);
        return LiveBar.Run(title, total, bar =>
        {
            display.bar = bar;
            return work(display);
        });
    }

    /// <summary>Runs <paramref name="work"/> as <see cref="Run{T}"/> runs work that returns a result.</summary>
    public static void Run(string title, string verb, int total, Action<ProgressDisplay> work) =>
        Run(title, verb, total, display =>
        {
            work(display);
            return true;
        });

    /// <summary>Images per second so far.</summary>
    public double ImagesPerSecond => done / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);

    /// <summary>Records that <paramref name="images"/> more inputs were done or skipped.</summary>
    public void Advance(int images)
    {
        done += images;
        var remaining = TimeSpan.FromSeconds((total - done) / Math.Max(ImagesPerSecond, 1e-9));
        string text = $"{verb} {done}/{total}  {ImagesPerSecond:F1} img/s  ETA {Durations.Format(remaining)}";
        if (bar is not null) bar.Show(done, text);
        else if (done >= nextLine || done == total)
        {
            AnsiConsole.WriteLine(text);
            nextLine = done + Math.Max(1, total / 10);
        }
    }
}
