using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using SimSid.MLNet.Columns;

namespace SimSid.MLNet.Training;

/// <summary>Reads the images SimSID trains on: the rows labelled normal, or all rows when there is no label.</summary>
internal static class TrainingSetReader
{
    /// <param name="host">Checked for cancellation while reading.</param>
    /// <param name="channel">Where the row counts are logged.</param>
    /// <param name="data">The training data.</param>
    /// <param name="input">The bound image column.</param>
    /// <param name="labelColumnName">Boolean label column (true = anomalous), or null to use every row.</param>
    /// <exception cref="ArgumentOutOfRangeException">The label column is not Boolean.</exception>
    /// <exception cref="InvalidOperationException">No row is left to train on.</exception>
    public static List<float[]> ReadNormalImages(IHost host, IChannel channel, IDataView data, SimSidInputColumn input, string? labelColumnName)
    {
        var label = labelColumnName is null ? null : data.Schema.GetColumnOrNull(labelColumnName);
        if (label is { Type: var labelType } && labelType != BooleanDataViewType.Instance)
            throw new ArgumentOutOfRangeException("inputSchema",
                $"SimSID label column '{labelColumnName}' must be Boolean (true = anomalous), but it is {labelType}. " +
                "Convert it (e.g. mlContext.Transforms.Conversion.ConvertType to DataKind.Boolean), or set TrainOnAllRows.");
        if (labelColumnName is not null && label is null)
            channel.Info("SimSID: the data has no label column '{0}'; training on all rows.", labelColumnName);

        var columns = new List<DataViewSchema.Column> { data.Schema[input.Name] };
        if (label is not null)
            columns.Add(label.Value);

        var images = new List<float[]>();
        long anomalous = 0;
        using (var cursor = data.GetRowCursor(columns))
        {
            var reader = input.CreateReader(cursor);
            var isAnomalous = label is null ? null : cursor.GetGetter<bool>(label.Value);
            bool value = false;
            while (cursor.MoveNext())
            {
                host.CheckAlive();
                isAnomalous?.Invoke(ref value);
                if (value)
                    anomalous++;
                else
                    images.Add(reader.Read());
            }
        }

        if (label is not null)
            channel.Info("SimSID: {0} normal rows to train on; {1} rows labelled anomalous left out.", images.Count, anomalous);
        if (images.Count == 0)
            throw new InvalidOperationException(anomalous > 0
                ? $"SimSID found no normal rows to train on: all {anomalous} rows have label column '{labelColumnName}' = true (anomalous). " +
                  "SimSID learns from normal images; add some, or set TrainOnAllRows."
                : "SimSID found no rows to train on: the training data is empty.");
        return images;
    }
}
