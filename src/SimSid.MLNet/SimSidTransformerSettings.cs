namespace SimSid.MLNet;

/// <summary>Everything a fitted SimSID transformer needs besides the model itself; saved in model zips.</summary>
internal sealed record SimSidTransformerSettings(
    string InputColumnName,
    SimSidPixelRange PixelRange,
    int ImageSize,
    int ScoringBatchSize,
    string ScoreColumnName,
    string PredictedLabelColumnName,
    string? ReconstructionColumnName,
    string? AnomalyMapColumnName,
    float Threshold,
    string BackendId);
