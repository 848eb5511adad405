namespace SimSid.Data.Datasets;

/// <summary>One image of a dataset: where it is and what it shows.</summary>
/// <param name="Path">Full path of the image file.</param>
/// <param name="IsAbnormal">True for a positive (abnormal) case.</param>
/// <param name="Finding">
/// The finding or class name when the layout gives one: the abnormal class folder (ZhangLab),
/// the finding column of a synthetic set's manifest, the diseases listed in <c>diseases.txt</c>
/// joined by '/' (CheXpert), or the label column (COVIDx). Null for normal images and when unknown.
/// </param>
public sealed record RadiographRecord(string Path, bool IsAbnormal, string? Finding = null);
