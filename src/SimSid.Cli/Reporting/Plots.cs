using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;
using OxyPlot.SkiaSharp;

namespace SimSid.Cli.Reporting;

/// <summary>The report's figures, drawn with OxyPlot and written as PNG.</summary>
internal static class Plots
{
    private static readonly OxyColor[] Colors = [OxyColor.FromRgb(0x1f, 0x77, 0xb4), OxyColor.FromRgb(0xff, 0x7f, 0x0e), OxyColor.FromRgb(0x2c, 0xa0, 0x2c)];

    /// <summary>ROC curves of every method, with their AUC in the legend.</summary>
    public static void Roc(IReadOnlyList<MethodResult> methods, string path)
    {
        var plot = Frame("ROC curve (test split)", "False positive rate (1 - specificity)", "True positive rate (sensitivity)");
        plot.Series.Add(new LineSeries { Title = "chance", Color = OxyColors.Gray, LineStyle = LineStyle.Dash, Points = { new(0, 0), new(1, 1) } });
        AddCurves(plot, methods, e => $"AUC {e.Auc:F3}", e => e.RocCurve.Select(p => new DataPoint(p.FalsePositiveRate, p.TruePositiveRate)));
        Save(plot, path);
    }

    /// <summary>Precision-recall curves of every method, with their average precision in the legend.</summary>
    public static void PrecisionRecall(IReadOnlyList<MethodResult> methods, string path)
    {
        var plot = Frame("Precision-recall curve (test split)", "Recall (sensitivity)", "Precision");
        AddCurves(plot, methods, e => $"AP {e.PrAuc:F3}", e => e.PrecisionRecallCurve.Select(p => new DataPoint(p.Recall, p.Precision)));
        Save(plot, path);
    }

    /// <summary>Histogram of one method's test scores, normal and abnormal apart, with its threshold.</summary>
    public static void ScoreHistogram(MethodResult method, IReadOnlyList<bool> labels, string path, int bins = 30)
    {
        double min = method.Scores.Min(), max = method.Scores.Max();
        if (max <= min) max = min + 1e-9;
        double width = (max - min) / bins;
        var plot = new PlotModel { Title = $"{method.Name} scores (test split)", Background = OxyColors.White };
        plot.Legends.Add(new Legend { LegendPosition = LegendPosition.TopRight });
        plot.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "Anomaly score", Minimum = min, Maximum = max });
        plot.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "Images", Minimum = 0 });
        foreach (var (label, name, color) in new[] { (false, "normal", OxyColor.FromAColor(160, Colors[0])), (true, "abnormal", OxyColor.FromAColor(160, Colors[1])) })
        {
            var counts = new int[bins];
            for (int i = 0; i < method.Scores.Count; i++)
                if (labels[i] == label) counts[Math.Min(bins - 1, (int)((method.Scores[i] - min) / width))]++;
            var series = new HistogramSeries { Title = name, FillColor = color, StrokeThickness = 0 };
            for (int b = 0; b < bins; b++) series.Items.Add(new HistogramItem(min + b * width, min + (b + 1) * width, counts[b] * width, counts[b]));
            plot.Series.Add(series);
        }
        double threshold = method.Evaluation.Threshold;
        if (threshold >= min && threshold <= max)
            plot.Annotations.Add(new OxyPlot.Annotations.LineAnnotation { Type = OxyPlot.Annotations.LineAnnotationType.Vertical, X = threshold, Color = OxyColors.Red, Text = "threshold" });
        Save(plot, path);
    }

    /// <summary>One line per method, coloured in method order, its summary number in the legend.</summary>
    private static void AddCurves(PlotModel plot, IReadOnlyList<MethodResult> methods,
        Func<SimSid.Torch.Evaluation.BinaryEvaluation, string> summary, Func<SimSid.Torch.Evaluation.BinaryEvaluation, IEnumerable<DataPoint>> points)
    {
        for (int i = 0; i < methods.Count; i++)
        {
            var e = methods[i].Evaluation;
            var series = new LineSeries { Title = $"{methods[i].Name} ({summary(e)})", Color = Colors[i % Colors.Length], StrokeThickness = 2 };
            series.Points.AddRange(points(e));
            plot.Series.Add(series);
        }
    }

    private static PlotModel Frame(string title, string x, string y)
    {
        var plot = new PlotModel { Title = title, Background = OxyColors.White };
        plot.Legends.Add(new Legend { LegendPosition = LegendPosition.RightBottom });
        plot.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = x, Minimum = 0, Maximum = 1 });
        plot.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = y, Minimum = 0, Maximum = 1.02 });
        return plot;
    }

    private static void Save(PlotModel plot, string path)
    {
        using var file = File.Create(path);
        new PngExporter { Width = 640, Height = 480 }.Export(plot, file);
    }
}
