using System.Text.Json.Serialization;

namespace SimSid.Torch.Evaluation;

/// <summary>How a decision threshold was chosen; none of these looks at test labels.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ThresholdMethod>))]
public enum ThresholdMethod
{
    /// <summary>Given by the user.</summary>
    Fixed,

    /// <summary>A quantile of the scores of normal training images (no labels needed).</summary>
    NormalScoreQuantile,

    /// <summary>The threshold with the best F1 on a labelled validation split.</summary>
    ValidationBestF1,
}
