using SimSid.Torch.Evaluation;

namespace SimSid.Cli.Reporting;

/// <summary>One detector's scores on the test split and their evaluation.</summary>
/// <param name="Name">Short name ("SimSID (paper score)", "PCA baseline").</param>
/// <param name="Description">What the detector is, for the report.</param>
/// <param name="Scores">Test scores, higher = more anomalous, in test order.</param>
/// <param name="Evaluation">Metrics at the stored threshold, oracle metrics and curves.</param>
public sealed record MethodResult(string Name, string Description, IReadOnlyList<double> Scores, BinaryEvaluation Evaluation);
