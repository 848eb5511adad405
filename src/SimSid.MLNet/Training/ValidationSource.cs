using Microsoft.ML;
using SimSid.MLNet.Columns;

namespace SimSid.MLNet.Training;

/// <summary>Labelled validation rows (SimSidEstimator.Options.ValidationData) with their bound image column.</summary>
/// <param name="Data">The validation rows.</param>
/// <param name="Input">Their image column, bound like the training data's.</param>
/// <param name="LabelColumnName">Their Boolean label column (true = anomalous).</param>
internal sealed record ValidationSource(IDataView Data, SimSidInputColumn Input, string LabelColumnName);
