using Microsoft.ML;
using Microsoft.ML.Data;

namespace SimSid.MLNet.Columns;

/// <summary>
/// The columns the plugin adds: Score (Single, higher = more anomalous), PredictedLabel (Boolean) and,
/// when named, the reconstruction and the per-pixel anomaly map (Single vectors of ImageSize*ImageSize).
/// Score and PredictedLabel carry ML.NET's anomaly-detection score annotations.
/// </summary>
internal sealed class SimSidOutputColumns
{
    public SimSidOutputColumns(string score, string predictedLabel, string? reconstruction, string? anomalyMap, int imageSize)
    {
        Score = CheckName(score, "score");
        PredictedLabel = CheckName(predictedLabel, "predicted label");
        Reconstruction = reconstruction is null ? null : CheckName(reconstruction, "reconstruction");
        AnomalyMap = anomalyMap is null ? null : CheckName(anomalyMap, "anomaly map");
        ImageSize = imageSize;
        var names = new[] { Score, PredictedLabel, Reconstruction, AnomalyMap }.OfType<string>().ToArray();
        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"The SimSID output columns must have distinct names; '{duplicate.Key}' is used twice.");
        Columns = BuildColumns();
    }

    public string Score { get; }

    public string PredictedLabel { get; }

    public string? Reconstruction { get; }

    public string? AnomalyMap { get; }

    public int ImageSize { get; }

    /// <summary>The added columns in output order: score, predicted label, reconstruction, anomaly map.</summary>
    public IReadOnlyList<DataViewSchema.DetachedColumn> Columns { get; }

    public bool NeedsReconstructions => Reconstruction is not null || AnomalyMap is not null;

    /// <summary>The input schema followed by the added columns (which hide input columns of the same name).</summary>
    public DataViewSchema AppendTo(DataViewSchema input)
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        builder.AddColumns(Columns);
        return builder.ToSchema();
    }

    /// <summary>The schema shape counterpart of <see cref="AppendTo(DataViewSchema)"/>.</summary>
    public SchemaShape AppendTo(SchemaShape input)
    {
        var columns = input.ToDictionary(c => c.Name);
        foreach (var column in Columns)
        {
            var annotations = new SchemaShape(column.Annotations.Schema.Select(a =>
                new SchemaShape.Column(a.Name, SchemaShape.Column.VectorKind.Scalar, a.Type, isKey: false)));
            columns[column.Name] = column.Type is VectorDataViewType vector
                ? new SchemaShape.Column(column.Name, SchemaShape.Column.VectorKind.Vector, vector.ItemType, isKey: false, annotations)
                : new SchemaShape.Column(column.Name, SchemaShape.Column.VectorKind.Scalar, column.Type, isKey: false, annotations);
        }
        return new SchemaShape(columns.Values);
    }

    private DataViewSchema.DetachedColumn[] BuildColumns()
    {
        var pixels = new VectorDataViewType(NumberDataViewType.Single, ImageSize * ImageSize);
        var columns = new List<DataViewSchema.DetachedColumn>
        {
            new(Score, NumberDataViewType.Single, ScoreAnnotations(AnnotationUtils.Const.ScoreValueKind.Score)),
            new(PredictedLabel, BooleanDataViewType.Instance, ScoreAnnotations(AnnotationUtils.Const.ScoreValueKind.PredictedLabel)),
        };
        if (Reconstruction is not null)
            columns.Add(new(Reconstruction, pixels));
        if (AnomalyMap is not null)
            columns.Add(new(AnomalyMap, pixels));
        return [.. columns];
    }

    private static DataViewSchema.Annotations ScoreAnnotations(string valueKind)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        builder.Add(AnnotationUtils.Kinds.ScoreColumnKind, TextDataViewType.Instance,
            (ref ReadOnlyMemory<char> value) => value = AnnotationUtils.Const.ScoreColumnKind.AnomalyDetection.AsMemory());
        builder.Add(AnnotationUtils.Kinds.ScoreValueKind, TextDataViewType.Instance,
            (ref ReadOnlyMemory<char> value) => value = valueKind.AsMemory());
        return builder.ToAnnotations();
    }

    private static string CheckName(string name, string role) =>
        string.IsNullOrWhiteSpace(name)
            ? throw new ArgumentException($"The SimSID {role} column needs a name; got '{name}'.")
            : name;
}
