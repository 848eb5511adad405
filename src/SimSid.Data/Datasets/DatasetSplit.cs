namespace SimSid.Data.Datasets;

/// <summary>The three splits a dataset is divided into.</summary>
public enum DatasetSplit
{
    /// <summary>Training images (normal only, unless a contaminated training set is composed).</summary>
    Train,

    /// <summary>Validation images, normal and abnormal, used to pick the best checkpoint.</summary>
    Validation,

    /// <summary>Test images, normal and abnormal, used to report results.</summary>
    Test,
}
