namespace SimSid.Torch;

/// <summary>The normal and abnormal images of a validation split.</summary>
public sealed record ValidationCounts(int Normal, int Abnormal);
