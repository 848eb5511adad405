using System.Diagnostics;
using Spectre.Console;

namespace SimSid.Cli.Scoring;

/// <summary>
/// Shows scoring progress: a live bar (<see cref="LiveBar"/>) with images/s and ETA on an interactive terminal,
/// a line about every tenth of the work otherwise (logs, CI).
/// </summary>
internal sealed class ScoringDisplay
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly int total;
    private LiveBar? bar;
    private int done, nextLine;

    private ScoringDisplay(int total) => this.total = total;

    /// <summary>Runs <paramref name="score"/>, which reports each batch's image count to the display it is given.</summary>
    public static T Run<T>(int total, Func<ScoringDisplay, T> score)
    {
        var display = new ScoringDisplay(total);
        if (total == 0) return score(display);
        return LiveBar.Run($"Scoring {total} images", total, bar =>
        {
            display.bar = bar;
            return score(display);
        });
    }

    /// <summary>Images per second so far.</summary>
    public double ImagesPerSecond => done / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);

    /// <summary>Records that <paramref name="images"/> more inputs were scored or skipped.</summary>
    public void Advance(int images)
    {
        done += images;
        var remaining = TimeSpan.FromSeconds((total - done) / Math.Max(ImagesPerSecond, 1e-9));
        string text = $"scored {done}/{total}  {ImagesPerSecond:F1} img/s  ETA {Durations.Format(remaining)}";
        if (bar is not null) bar.Show(done, text);
        else if (done >= nextLine || done == total)
        {
            AnsiConsole.WriteLine(text);
            nextLine = done + Math.Max(1, total / 10);
        }
    }
}
