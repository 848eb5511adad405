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
    /// <param name="cacheBytes">The most memory the training images take (ImageCache's budget), and the validation images again.</param>
    /// <param name="lendValidation">
    /// Bring the validation split up to <see cref="ValidationLending.ImagesPerClass"/> rows of each class from the labelled
    /// rows training does without (<see cref="ValidationLending"/>): the anomalous rows and up to a tenth of the normal ones,
    /// which then leave the training set. Without <paramref name="validation"/> the split is those rows alone.
    /// </param>
    /// <param name="validation">Labelled validation rows (SimSidEstimator.Options.ValidationData), or null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A label column is not Boolean, or the validation data have none.</exception>
    /// <exception cref="InvalidOperationException">
    /// No row is left to train on, too few rows are labelled anomalous for the ratio, or the validation rows lack a class
    /// that lending does not bring.
    /// </exception>
    public static TrainingRows Read(IHost host, IChannel channel, IDataView data, SimSidInputColumn input, string? labelColumnName,
        double positiveRatio, long cacheBytes, bool lendValidation, ValidationSource? validation)
    {
        var label = labelColumnName is null ? null : data.Schema.GetColumnOrNull(labelColumnName);
        if (label is { Type: var labelType } && labelType != BooleanDataViewType.Instance)
            throw new ArgumentOutOfRangeException("inputSchema",
                $"SimSID label column '{labelColumnName}' must be Boolean (true = anomalous), but it is {labelType}. " +
                "Convert it (e.g. mlContext.Transforms.Conversion.ConvertType to DataKind.Boolean), or set TrainOnAllRows.");
        if (labelColumnName is not null && label is null)
            channel.Info("SimSID: the data has no label column '{0}'; training on all rows.", labelColumnName);
        var validationLabels = validation is null ? null : ValidationLabels(host, validation);

        if (label is null)
        {
            if (validationLabels is not null) RequireBothClasses(validationLabels, 0, 0);
            var unlabelled = Unlabelled(host, channel, data, input, positiveRatio, cacheBytes);
            return validation is null ? unlabelled : WithValidation(unlabelled, host, channel, data, input, cacheBytes, validation, validationLabels!, [], []);
        }
        var isAnomalous = ReadLabels(host, data, label.Value);
        var composition = Compose(isAnomalous, positiveRatio, labelColumnName!);
        if (composition.Abnormals == 0 && composition.NormalsLeftOut == 0)
            channel.Info("SimSID: {0} normal rows to train on; {1} rows labelled anomalous left out.", composition.Normals, composition.AbnormalsLeftOut);
        else
            channel.Info("SimSID: {0} normal and {1} anomalous rows to train on (positive ratio {2}); {3} normal and {4} anomalous rows left out.",
                composition.Normals, composition.Abnormals, positiveRatio, composition.NormalsLeftOut, composition.AbnormalsLeftOut);

        var (lentNormal, lentAnomalous) = lendValidation ? LentRows(isAnomalous, positiveRatio, validationLabels ?? []) : ([], []);
        if (validationLabels is not null) RequireBothClasses(validationLabels, lentNormal.Count, lentAnomalous.Count);
        // The composed set lists its normal rows, then its anomalous ones, each in row order: one pass for each.
        var chosen = new bool[isAnomalous.Count];
        foreach (int row in composition.Indices) chosen[row] = true;
        foreach (int row in lentNormal) chosen[row] = false;
        var rows = new TrainingRows(ImageCache.Filled(input.ImageSize, cacheBytes, cache =>
        {
            ReadImages(host, data, input, cache, row => chosen[row] && !isAnomalous[row]);
            if (composition.Abnormals > 0) ReadImages(host, data, input, cache, row => chosen[row] && isAnomalous[row]);
        }));
        if (validation is null && lentNormal.Count + lentAnomalous.Count == 0) return rows;
        if (validationLabels is null)
            channel.Info("SimSID: no validation data, so {0} anomalous rows and {1} of the normal rows validate every epoch and choose the score; " +
                "training keeps the other {2} normal rows (LendValidationRows = false keeps them all).",
                lentAnomalous.Count, lentNormal.Count, composition.Normals - lentNormal.Count);
        else if (lentNormal.Count + lentAnomalous.Count > 0)
            channel.Info("SimSID: the validation data hold {0} normal and {1} anomalous rows, too few to choose the score on, so {2} of the normal " +
                "training rows (which leave the training set) and {3} anomalous ones join them; training keeps the other {4} normal rows " +
                "(LendValidationRows = false validates on the validation data as they are).",
                validationLabels.Count(a => !a), validationLabels.Count(a => a), lentNormal.Count, lentAnomalous.Count, composition.Normals - lentNormal.Count);
        return WithValidation(rows, host, channel, data, input, cacheBytes, validation, validationLabels ?? [], lentNormal, lentAnomalous);
    }

    // The rows with their validation images: the validation data's rows in their order, then the lent normal and anomalous
    // training rows; the rows are disposed if reading fails.
    private static TrainingRows WithValidation(TrainingRows rows, IHost host, IChannel channel, IDataView data, SimSidInputColumn input,
        long cacheBytes, ValidationSource? validation, IReadOnlyList<bool> validationLabels, HashSet<int> lentNormal, HashSet<int> lentAnomalous)
    {
        try
        {
            var cache = ImageCache.Filled(input.ImageSize, cacheBytes, cache =>
            {
                if (validation is not null) ReadImages(host, validation.Data, validation.Input, cache, _ => true);
                // A pass over the training rows only for rows it lends.
                if (lentNormal.Count > 0) ReadImages(host, data, input, cache, lentNormal.Contains);
                if (lentAnomalous.Count > 0) ReadImages(host, data, input, cache, lentAnomalous.Contains);
            });
            bool[] labels = [.. validationLabels, .. Enumerable.Repeat(false, lentNormal.Count), .. Enumerable.Repeat(true, lentAnomalous.Count)];
            if (validation is not null)
                channel.Info("SimSID: validating every epoch on {0} rows ({1} anomalous).", labels.Length, labels.Count(a => a));
            return rows with { Validation = new LabeledImages(cache, labels), ValidationImages = cache };
        }
        catch
        {
            rows.Dispose();
            throw;
        }
    }

    // The rows ValidationLending lends from the normal and the anomalous rows, by row index, to a split of these labels.
    private static (HashSet<int> Normal, HashSet<int> Anomalous) LentRows(List<bool> isAnomalous, double positiveRatio, IReadOnlyList<bool> validationLabels)
    {
        var normalRows = Enumerable.Range(0, isAnomalous.Count).Where(row => !isAnomalous[row]).ToList();
        var anomalousRows = Enumerable.Range(0, isAnomalous.Count).Where(row => isAnomalous[row]).ToList();
        var (normal, anomalous) = ValidationLending.Choose(positiveRatio, normalRows.Count, anomalousRows.Count,
            validationLabels.Count(a => !a), validationLabels.Count(a => a));
        return ([.. normal.Select(i => normalRows[i])], [.. anomalous.Select(i => anomalousRows[i])]);
    }

    // The labels of the validation rows (SimSidEstimator.Options.ValidationData), read before any image.
    private static List<bool> ValidationLabels(IHost host, ValidationSource validation)
    {
        var label = validation.Data.Schema.GetColumnOrNull(validation.LabelColumnName);
        if (label is not { Type: BooleanDataViewType })
            throw new ArgumentOutOfRangeException("ValidationData",
                $"SimSID validation data need a Boolean label column '{validation.LabelColumnName}' (true = anomalous) beside the image column; " +
                (label is null ? "it has none." : $"it is {label.Value.Type}."));
        return ReadLabels(host, validation.Data, label.Value);
    }

    private static void RequireBothClasses(List<bool> validationLabels, int lentNormal, int lentAnomalous)
    {
        int anomalous = validationLabels.Count(a => a), normal = validationLabels.Count - anomalous;
        if (normal + lentNormal > 0 && anomalous + lentAnomalous > 0) return;
        throw new InvalidOperationException(
            $"SimSID validation data need both normal and anomalous rows; these have {normal} normal and {anomalous} anomalous. " +
            $"Add {(normal == 0 ? "normal" : "anomalous")} rows to them, or label some training rows anomalous: with LendValidationRows on, " +
            "validation data short of a class are topped up from the training rows that training does without.");
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
