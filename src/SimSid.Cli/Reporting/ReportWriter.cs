using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SimSid.Data.Imaging;
using SimSid.Torch.Evaluation;

namespace SimSid.Cli.Reporting;

/// <summary>A test image shown in the report, with the model's reconstruction.</summary>
public sealed record ExampleImage(string Name, bool IsAbnormal, double Score, float[] Input, float[] Reconstruction, float[] AnomalyMap);

/// <summary>A captioned group of example images.</summary>
public sealed record ExampleGroup(string Title, IReadOnlyList<ExampleImage> Images);

/// <summary>What an evaluation report shows.</summary>
/// <param name="Title">Heading.</param>
/// <param name="Dataset">One line on the data evaluated.</param>
/// <param name="Model">One line on the model.</param>
/// <param name="Labels">Test labels (true = abnormal), in the order of every method's scores.</param>
/// <param name="Findings">Each test image's finding names ('/'-separated) where the data names them, else null.</param>
/// <param name="Methods">SimSID first, then the comparisons.</param>
/// <param name="Examples">Example images of SimSID.</param>
/// <param name="ImageSize">Side of the example images.</param>
public sealed record ReportContent(string Title, string Dataset, string Model, IReadOnlyList<bool> Labels, IReadOnlyList<string?> Findings,
    IReadOnlyList<MethodResult> Methods, IReadOnlyList<ExampleGroup> Examples, int ImageSize)
{
    /// <summary>Each method's ROC-AUC per finding (empty lists when the data name no findings).</summary>
    public IReadOnlyList<IReadOnlyList<FindingAuc>> FindingAucs { get; } =
        Methods.Select(m => FindingAuc.Compute(m.Scores, Labels, Findings)).ToList();
}

/// <summary>
/// Writes an evaluation's files into a folder: <c>metrics.json</c>, ROC and PR curves and score
/// histograms as PNG, example images, and <c>report.html</c> that shows them all.
/// </summary>
public static class ReportWriter
{
    /// <summary>Name of the metrics file.</summary>
    public const string MetricsFile = "metrics.json";

    /// <summary>Name of the HTML report.</summary>
    public const string ReportFile = "report.html";

    /// <summary>Writes every file; returns the path of the HTML report.</summary>
    public static string Write(string folder, ReportContent content)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, MetricsFile), MetricsJson(content));
        Plots.Roc(content.Methods, Path.Combine(folder, "roc.png"));
        Plots.PrecisionRecall(content.Methods, Path.Combine(folder, "pr.png"));
        var histograms = content.Methods.Select((m, i) => (m, file: $"scores-{Slug(m.Name)}.png")).ToList();
        foreach (var (method, file) in histograms) Plots.ScoreHistogram(method, content.Labels, Path.Combine(folder, file));
        string examples = WriteExamples(folder, content);
        var path = Path.Combine(folder, ReportFile);
        File.WriteAllText(path, Html(content, histograms.Select(h => (h.m.Name, h.file)).ToList(), examples));
        return path;
    }

    /// <summary>
    /// metrics.json: SimSID's metrics at its stored threshold at the top level (<c>auc</c>, <c>prAuc</c>,
    /// <c>accuracy</c>, <c>f1</c>, <c>precision</c>, <c>sensitivity</c>, <c>specificity</c>, <c>threshold</c>,
    /// <c>thresholdMethod</c>), its oracle numbers under <c>oracle</c>, its ROC-AUC per finding under
    /// <c>findings</c> (where the data name findings), and every other method under <c>comparisons</c>.
    /// </summary>
    public static string MetricsJson(ReportContent content)
    {
        object Findings(int method) => content.FindingAucs[method].Select(f => new { finding = f.Finding, images = f.Count, auc = f.Auc }).ToList();
        object Entry(MethodResult m, int index) => new
        {
            name = m.Name,
            description = m.Description,
            auc = m.Evaluation.Auc,
            prAuc = m.Evaluation.PrAuc,
            accuracy = m.Evaluation.Accuracy,
            f1 = m.Evaluation.F1,
            precision = m.Evaluation.Precision,
            sensitivity = m.Evaluation.Sensitivity,
            specificity = m.Evaluation.Specificity,
            threshold = m.Evaluation.Threshold,
            thresholdMethod = m.Evaluation.ThresholdSelection.ToString(),
            truePositives = m.Evaluation.TruePositives,
            falsePositives = m.Evaluation.FalsePositives,
            trueNegatives = m.Evaluation.TrueNegatives,
            falseNegatives = m.Evaluation.FalseNegatives,
            oracle = Oracle(m.Evaluation.OracleBestAccuracy),
            findings = Findings(index),
        };
        var simsid = content.Methods[0];
        var document = new Dictionary<string, object?>
        {
            ["method"] = simsid.Name,
            ["auc"] = simsid.Evaluation.Auc,
            ["prAuc"] = simsid.Evaluation.PrAuc,
            ["accuracy"] = simsid.Evaluation.Accuracy,
            ["f1"] = simsid.Evaluation.F1,
            ["precision"] = simsid.Evaluation.Precision,
            ["sensitivity"] = simsid.Evaluation.Sensitivity,
            ["specificity"] = simsid.Evaluation.Specificity,
            ["threshold"] = simsid.Evaluation.Threshold,
            ["thresholdMethod"] = simsid.Evaluation.ThresholdSelection.ToString(),
            ["oracle"] = Oracle(simsid.Evaluation.OracleBestAccuracy),
            ["findings"] = Findings(0),
            ["testImages"] = content.Labels.Count,
            ["testAbnormal"] = content.Labels.Count(l => l),
            ["dataset"] = content.Dataset,
            ["model"] = content.Model,
            ["comparisons"] = content.Methods.Select(Entry).Skip(1).ToList(),
        };
        return JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });
    }

    private static object Oracle(ConfusionMetrics m) => new
    {
        note = "threshold chosen on the test labels (best accuracy), as the reference reports; not a deployable operating point",
        threshold = m.Threshold,
        accuracy = m.Accuracy,
        f1 = m.F1,
        precision = m.Precision,
        sensitivity = m.Sensitivity,
        specificity = m.Specificity,
    };

    private static string WriteExamples(string folder, ReportContent content)
    {
        var html = new StringBuilder();
        var images = Path.Combine(folder, "examples");
        Directory.CreateDirectory(images);
        float fullHeat = content.Examples.SelectMany(g => g.Images).Select(e => e.AnomalyMap.DefaultIfEmpty(0).Max()).DefaultIfEmpty(0f).Max();
        int n = 0;
        foreach (var group in content.Examples)
        {
            html.Append($"<h3>{Escape(group.Title)}</h3>\n<div class=\"gallery\">\n");
            foreach (var example in group.Images)
            {
                string stem = $"examples/{n++:D3}";
                File.WriteAllBytes(Path.Combine(folder, stem + "-input.png"), GrayscalePng.Encode(new GrayscaleImage(content.ImageSize, content.ImageSize, example.Input)));
                File.WriteAllBytes(Path.Combine(folder, stem + "-recon.png"), GrayscalePng.Encode(new GrayscaleImage(content.ImageSize, content.ImageSize, example.Reconstruction)));
                File.WriteAllBytes(Path.Combine(folder, stem + "-heat.png"), RadiographPng.HeatMap(example.Input, example.AnomalyMap, content.ImageSize, fullHeat));
                html.Append($"<figure><div class=\"triple\"><img src=\"{stem}-input.png\" alt=\"input\"><img src=\"{stem}-recon.png\" alt=\"reconstruction\"><img src=\"{stem}-heat.png\" alt=\"anomaly map\"></div>")
                    .Append($"<figcaption>{Escape(example.Name)}<br>{(example.IsAbnormal ? "abnormal" : "normal")}, score {Number(example.Score)}</figcaption></figure>\n");
            }
            html.Append("</div>\n");
        }
        return html.ToString();
    }

    private static string Html(ReportContent content, IReadOnlyList<(string Name, string File)> histograms, string examples)
    {
        var methods = content.Methods;
        string Row(string label, Func<BinaryEvaluation, string> value) =>
            $"<tr><th>{label}</th>{string.Concat(methods.Select(m => $"<td>{value(m.Evaluation)}</td>"))}</tr>";
        string OracleRow(string label, Func<ConfusionMetrics, double> value) =>
            $"<tr><th>{label}</th>{string.Concat(methods.Select(m => $"<td>{Percent(value(m.Evaluation.OracleBestAccuracy))}</td>"))}</tr>";
        string header = $"<tr><th></th>{string.Concat(methods.Select(m => $"<th>{Escape(m.Name)}</th>"))}</tr>";
        return $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{{Escape(content.Title)}}</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
            table { border-collapse: collapse; margin: 1em 0; } th, td { border: 1px solid #ccc; padding: 4px 12px; text-align: right; }
            th:first-child { text-align: left; } .note { color: #555; font-size: 90%; }
            .plots img { width: 48%; } .gallery { display: flex; flex-wrap: wrap; gap: 12px; }
            figure { margin: 0; } .triple img { width: 128px; image-rendering: pixelated; margin-right: 2px; } figcaption { font-size: 80%; }
            </style></head><body>
            <h1>{{Escape(content.Title)}}</h1>
            <p>Data: {{Escape(content.Dataset)}}<br>Model: {{Escape(content.Model)}}<br>
            Test images: {{content.Labels.Count}} ({{content.Labels.Count(l => l)}} abnormal). Generated {{DateTime.Now.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}}.</p>
            <h2>Metrics at the stored threshold</h2>
            <table>{{header}}
            {{Row("ROC-AUC", e => Number(e.Auc))}}
            {{Row("PR-AUC (average precision)", e => Number(e.PrAuc))}}
            {{Row("Accuracy", e => Percent(e.Accuracy))}}
            {{Row("F1", e => Percent(e.F1))}}
            {{Row("Sensitivity (recall)", e => Percent(e.Sensitivity))}}
            {{Row("Specificity", e => Percent(e.Specificity))}}
            {{Row("Precision", e => Percent(e.Precision))}}
            {{Row("Threshold", e => Number(e.Threshold))}}
            </table>
            <p class="note">Thresholds were chosen without test labels: {{string.Join("; ", methods.Select(m => $"{Escape(m.Name)}: {Escape(m.Evaluation.ThresholdSelection.ToString())}"))}}.</p>
            {{FindingTable(content)}}
            <h2>Oracle operating point (for comparison with the paper only)</h2>
            <p class="note">The reference implementation reports accuracy and F1 at the threshold that is best on the test labels. That peeks at the answers, so these numbers are optimistic and not achievable in use.</p>
            <table>{{header}}
            {{OracleRow("Accuracy", m => m.Accuracy)}}
            {{OracleRow("F1", m => m.F1)}}
            {{OracleRow("Sensitivity", m => m.Sensitivity)}}
            {{OracleRow("Specificity", m => m.Specificity)}}
            </table>
            <h2>Curves and score distributions</h2>
            <div class="plots"><img src="roc.png" alt="ROC curves"><img src="pr.png" alt="precision-recall curves">
            {{string.Concat(histograms.Select(h => $"<img src=\"{h.File}\" alt=\"{Escape(h.Name)} score histogram\">"))}}</div>
            <h2>Examples: input, reconstruction, anomaly map (the signal the score is read from)</h2>
            {{examples}}
            </body></html>
            """;
    }

    private static string FindingTable(ReportContent content)
    {
        var names = content.FindingAucs[0].Select(f => (f.Finding, f.Count)).ToList();
        if (names.Count == 0) return "";
        var rows = names.Select((f, i) => $"<tr><th>{Escape(f.Finding)} ({f.Count})</th>{string.Concat(content.FindingAucs.Select(m => $"<td>{Number(m[i].Auc)}</td>"))}</tr>");
        return $"<h2>ROC-AUC per finding</h2>\n<p class=\"note\">Each finding's abnormal images (their number in brackets) against every normal test image.</p>\n" +
            $"<table><tr><th></th>{string.Concat(content.Methods.Select(m => $"<th>{Escape(m.Name)}</th>"))}</tr>\n{string.Join("\n", rows)}\n</table>";
    }

    private static string Slug(string name) => Regex.Replace(name.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');

    private static string Number(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Percent(double value) => (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
