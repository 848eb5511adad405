using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using SimSid.MLNet.Columns;
using SimSid.Torch.Training;

namespace SimSid.MLNet.Training;

/// <summary>
/// Reads the rows SimSID trains on into an <see cref="ImageCache"/>: the training set composed by the positive
/// ratio from the labelled rows (at 1, the rows labelled normal), or every row as it is when there is no label.
/// Labels are read first, so only the images of the composed set are read, straight into the cache.
/// </summary>
internal static class TrainingSetReader
{
    /// <param name="host">Checked for cancellation while reading.</param>
    /// <param name="channel">Where the row counts are logged.</param>
    /// <param name="data">The training data.</param>
    /// <param name="input">The bound image column.</param>
    /// <param name="labelColumnName">Boolean label column (true = anomalous), or null to use every row as it is.</param>
    /// <param name="positiveRatio">The share of the training set that is normal (TrainingOptions.PositiveRatio).</param>
    /// <param name="cacheBytes">The most memory the training images take (ImageCache's budget), and the lent validation images again.</param>
    /// <param name="lendValidation">
    /// Make a validation split of the labelled rows training does without (<see cref="ValidationLending"/>): the anomalous
    /// rows and up to a tenth of the normal ones, which then leave the training set.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">The label column is not Boolean.</exception>
    /// <exception cref="InvalidOperationException">No row is left to train on, or too few rows are labelled anomalous for the ratio.</exception>
    public static TrainingRows Read(IHost host, IChannel channel, IDataView data, SimSidInputColumn input, string? labelColumnName,
        double positiveRatio, long cacheBytes, bool lendValidation)
    {
        var label = labelColumnName is null ? null : data.Schema.GetColumnOrNull(labelColumnName);
        if (label is { Type: var labelType } && labelType != BooleanDataViewType.Instance)
            throw new ArgumentOutOfRangeException("inputSchema",
                $"SimSID label column '{labelColumnName}' must be Boolean (true = anomalous), but it is {labelType}. " +
                "Convert it (e.g. mlContext.Transforms.Conversion.ConvertType to DataKind.Boolean), or set TrainOnAllRows.");
        if (labelColumnName is not null && label is null)
            channel.Info("SimSID: the data has no label column '{0}'; training on all rows.", labelColumnName);

        if (label is null)
            return Unlabelled(host, channel, data, input, positiveRatio, cacheBytes);
        var isAnomalous = ReadLabels(host, data, label.Value);
        var composition = Compose(isAnomalous, positiveRatio, labelColumnName!);
        if (composition.Abnormals == 0 && composition.NormalsLeftOut == 0)
            channel.Info("SimSID: {0} normal rows to train on; {1} rows labelled anomalous left out.", composition.Normals, composition.AbnormalsLeftOut);
        else
            channel.Info("SimSID: {0} normal and {1} anomalous rows to train on (positive ratio {2}); {3} normal and {4} anomalous rows left out.",
                composition.Normals, composition.Abnormals, positiveRatio, composition.NormalsLeftOut, composition.AbnormalsLeftOut);

        // The composed set lists its normal rows, then its anomalous ones, each in row order: one pass for each.
        var chosen = new bool[isAnomalous.Count];
        foreach (int row in composition.Indices) chosen[row] = true;
        var (lentNormal, lentAnomalous) = lendValidation ? LentRows(isAnomalous, positiveRatio) : ([], []);
        foreach (int row in lentNormal) chosen[row] = false;
        var rows = new TrainingRows(ImageCache.Filled(input.ImageSize, cacheBytes, cache =>
        {
            ReadImages(host, data, input, cache, row => chosen[row] && !isAnomalous[row]);
            if (composition.Abnormals > 0) ReadImages(host, data, input, cache, row => chosen[row] && isAnomalous[row]);
        }));
        if (lentNormal.Count + lentAnomalous.Count == 0) return rows;
        try
        {
            var (cache, validation) = ReadLent(host, data, input, cacheBytes, lentNormal, lentAnomalous);
            channel.Info("SimSID: no validation data, so {0} anomalous rows and {1} of the normal rows validate every epoch and choose the score; " +
                "training keeps the other {2} normal rows (LendValidationRows = false keeps them all).",
                lentAnomalous.Count, lentNormal.Count, composition.Normals - lentNormal.Count);
            return rows with { Validation = validation, ValidationImages = cache };
        }
        catch
        {
            rows.Dispose();
            throw;
        }
    }

    // The lent rows' images, normal before anomalous as in every validation split, with their labels.
    private static (ImageCache Cache, LabeledImages Images) ReadLent(IHost host, IDataView data, SimSidInputColumn input, long cacheBytes,
        HashSet<int> normal, HashSet<int> anomalous)
    {
        var cache = ImageCache.Filled(input.ImageSize, cacheBytes, cache =>
        {
            ReadImages(host, data, input, cache, normal.Contains);
            ReadImages(host, data, input, cache, anomalous.Contains);
        });
        bool[] labels = [.. Enumerable.Repeat(false, normal.Count), .. Enumerable.Repeat(true, anomalous.Count)];
        return (cache, new LabeledImages(cache, labels));
    }

    // The rows ValidationLending lends from the normal and the anomalous rows, by row index.
    private static (HashSet<int> Normal, HashSet<int> Anomalous) LentRows(List<bool> isAnomalous, double positiveRatio)
    {
        var normalRows = Enumerable.Range(0, isAnomalous.Count).Where(row => !isAnomalous[row]).ToList();
        var anomalousRows = Enumerable.Range(0, isAnomalous.Count).Where(row => isAnomalous[row]).ToList();
        var (normal, anomalous) = ValidationLending.Choose(positiveRatio, normalRows.Count, anomalousRows.Count, 0, 0);
        return ([.. normal.Select(i => normalRows[i])], [.. anomalous.Select(i => anomalousRows[i])]);
    }

    /// <summary>
    /// Reads labelled validation rows (SimSidEstimator.Options.ValidationData): the same image column and a
    /// Boolean label column, with both normal and anomalous rows.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The label column is missing or not Boolean, or the image column does not fit.</exception>
    /// <param name="host">Checked for cancellation while reading.</param>
    /// <param name="channel">Where the row counts are logged.</param>
    /// <param name="data">The validation rows.</param>
    /// <param name="input">The bound image column.</param>
    /// <param name="labelColumnName">Their Boolean label column (true = anomalous).</param>
    /// <param name="cacheBytes">The most memory their images take (ImageCache's budget); held 8-bit like the training images.</param>
    /// <returns>The images in a cache the caller disposes, with their labels.</returns>
    /// <exception cref="InvalidOperationException">The rows lack a class.</exception>
    public static (ImageCache Cache, LabeledImages Images) ReadValidation(IHost host, IChannel channel, IDataView data, SimSidInputColumn input,
        string labelColumnName, long cacheBytes)
    {
        var label = data.Schema.GetColumnOrNull(labelColumnName);
        if (label is not { Type: BooleanDataViewType })
            throw new ArgumentOutOfRangeException("ValidationData",
                $"SimSID validation data need a Boolean label column '{labelColumnName}' (true = anomalous) beside the image column; " +
                (label is null ? "it has none." : $"it is {label.Value.Type}."));
        var isAnomalous = new List<bool>();
        var cache = ImageCache.Filled(input.ImageSize, cacheBytes, cache =>
        {
            using var cursor = data.GetRowCursor([data.Schema[input.Name], label.Value]);
            var reader = input.CreateReader(cursor);
            var labelGetter = cursor.GetGetter<bool>(label.Value);
            bool value = false;
            while (cursor.MoveNext())
            {
                host.CheckAlive();
                labelGetter(ref value);
                isAnomalous.Add(value);
                cache.Add(reader.Read());
            }
            int anomalous = isAnomalous.Count(a => a);
            if (anomalous == 0 || anomalous == isAnomalous.Count)
                throw new InvalidOperationException(
                    $"SimSID validation data need both normal and anomalous rows; these have {isAnomalous.Count - anomalous} normal and {anomalous} anomalous.");
            channel.Info("SimSID: validating every epoch on {0} rows ({1} anomalous).", isAnomalous.Count, anomalous);
        });
        return (cache, new LabeledImages(cache, isAnomalous));
    }

    private static List<bool> ReadLabels(IHost host, IDataView data, DataViewSchema.Column label)
    {
        var isAnomalous = new List<bool>();
        using var cursor = data.GetRowCursor([label]);
        var getter = cursor.GetGetter<bool>(label);
        bool value = false;
        while (cursor.MoveNext())
        {
            host.CheckAlive();
            getter(ref value);
            isAnomalous.Add(value);
        }
        return isAnomalous;
    }

    /// <summary>Adds the images of the rows <paramref name="take"/> accepts (by row index), in row order.</summary>
    private static void ReadImages(IHost host, IDataView data, SimSidInputColumn input, ImageCache cache, Func<int, bool> take)
    {
        using var cursor = data.GetRowCursor([data.Schema[input.Name]]);
        var reader = input.CreateReader(cursor);
        for (int row = 0; cursor.MoveNext(); row++)
        {
            host.CheckAlive();
            if (take(row)) cache.Add(reader.Read());
        }
    }

    private static TrainingRows Unlabelled(IHost host, IChannel channel, IDataView data, SimSidInputColumn input, double positiveRatio, long cacheBytes)
    {
        var cache = ImageCache.Filled(input.ImageSize, cacheBytes, cache =>
        {
            ReadImages(host, data, input, cache, _ => true);
            if (cache.Count == 0)
                throw new InvalidOperationException("SimSID found no rows to train on: the training data is empty.");
        });
        if (positiveRatio < 1)
            channel.Info("SimSID: the rows are used without labels, so the positive ratio {0} is not applied: all {1} rows are the training set.",
                positiveRatio, cache.Count);
        return new TrainingRows(cache);
    }

    private static TrainingSetComposition Compose(List<bool> isAnomalous, double positiveRatio, string labelColumnName)
    {
        int anomalous = isAnomalous.Count(a => a);
        if (anomalous == isAnomalous.Count)
            throw new InvalidOperationException(anomalous > 0
                ? $"SimSID found no normal rows to train on: all {anomalous} rows have label column '{labelColumnName}' = true (anomalous). " +
                  "SimSID learns from normal images; add some, or set TrainOnAllRows."
                : "SimSID found no rows to train on: the training data is empty.");
        try
        {
            return TrainingSetComposition.Of(isAnomalous, positiveRatio);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException(
                $"SimSID cannot compose its training set from these rows (label column '{labelColumnName}'): {e.Message}", e);
        }
    }
}
