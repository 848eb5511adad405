using System.Globalization;
using Spectre.Console;

namespace SimSid.Cli.Reporting;

/// <summary>The console's side-by-side metrics table.</summary>
internal static class MetricsTable
{
    public static void Write(ReportContent content)
    {
        var methods = content.Methods;
        var table = new Table().AddColumn("Test split");
        foreach (var m in methods) table.AddColumn(new TableColumn(Markup.Escape(m.Name)).RightAligned());
        void Row(string name, Func<MethodResult, string> value) => table.AddRow([name, .. methods.Select(value)]);
        static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
        static string P(double v) => (100 * v).ToString("0.0", CultureInfo.InvariantCulture) + " %";
        Row("[bold]ROC-AUC[/]", m => $"[bold]{F(m.Evaluation.Auc)}[/]");
        Row("PR-AUC (average precision)", m => F(m.Evaluation.PrAuc));
        Row("Accuracy", m => P(m.Evaluation.Accuracy));
        Row("F1", m => P(m.Evaluation.F1));
        Row("Sensitivity", m => P(m.Evaluation.Sensitivity));
        Row("Specificity", m => P(m.Evaluation.Specificity));
        Row("Threshold", m => F(m.Evaluation.Threshold));
        Row("[grey]Oracle accuracy (test-label threshold)[/]", m => $"[grey]{P(m.Evaluation.OracleBestAccuracy.Accuracy)}[/]");
        Row("[grey]Oracle F1 (test-label threshold)[/]", m => $"[grey]{P(m.Evaluation.OracleBestAccuracy.F1)}[/]");
        AnsiConsole.Write(table);
        WriteFindings(content);
        foreach (var m in methods)
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(m.Name)} threshold: {Markup.Escape(m.Evaluation.ThresholdSelection.ToString())}[/]");
        AnsiConsole.MarkupLine("[grey]Oracle rows use the threshold that is best on the test labels, as the paper reports; they are not achievable in use.[/]");
    }

    private static void WriteFindings(ReportContent content)
    {
        var findings = content.FindingAucs[0];
        if (findings.Count == 0) return;
        var table = new Table().AddColumn("ROC-AUC per finding");
        foreach (var m in content.Methods) table.AddColumn(new TableColumn(Markup.Escape(m.Name)).RightAligned());
        for (int i = 0; i < findings.Count; i++)
            table.AddRow([Markup.Escape($"{findings[i].Finding} ({findings[i].Count})"), .. content.FindingAucs.Select(m => m[i].Auc.ToString("0.000", CultureInfo.InvariantCulture))]);
        AnsiConsole.Write(table);
    }
}
