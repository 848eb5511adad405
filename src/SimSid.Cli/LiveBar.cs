using Spectre.Console;

namespace SimSid.Cli;

/// <summary>
/// A progress bar on an interactive terminal, drawn only when the working thread updates it (AutoRefresh
/// off): a drawing thread's allocations could start a collection during a native call, and TorchSharp lets
/// the finalizer free a temporary Scalar that such a call still reads.
/// </summary>
internal sealed class LiveBar
{
    private readonly ProgressContext context;
    private readonly ProgressTask task;

    private LiveBar(ProgressContext context, ProgressTask task)
    {
        this.context = context;
        this.task = task;
    }

    /// <summary>Runs <paramref name="work"/> with a bar on an interactive terminal, with null otherwise (logs, CI).</summary>
    public static T Run<T>(string description, double maxValue, Func<LiveBar?, T> work)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive) return work(null);
        return AnsiConsole.Progress()
            .AutoClear(false)
            .AutoRefresh(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context => work(new LiveBar(context, context.AddTask(description, maxValue: maxValue))));
    }

    /// <summary>Shows <paramref name="value"/> of <paramref name="maxValue"/> (unchanged when null) with <paramref name="description"/> (plain text).</summary>
    public void Show(double value, string description, double? maxValue = null)
    {
        if (maxValue is double max) task.MaxValue = max;
        task.Value = value;
        task.Description = Markup.Escape(description);
        context.Refresh();
    }

    /// <summary>Shows <paramref name="description"/> (plain text), the bar where it is.</summary>
    public void Describe(string description) => Show(task.Value, description);

    /// <summary>Fills the bar.</summary>
    public void Complete(string description) => Show(task.MaxValue, description);
}
