namespace SimSid.Data.Datasets;

/// <summary>Choices that only some layouts use.</summary>
public sealed record DatasetReaderOptions
{
    /// <summary>The CheXpert view whose folders are read (<c>&lt;split&gt;_256_&lt;view&gt;</c>); "pa" by default.</summary>
    public string CheXpertView { get; init; } = "pa";

    /// <summary>
    /// CheXpert only: test one finding (e.g. "Pleural Effusion"). As in the reference, the test
    /// split then counts as positive only the abnormal images whose <c>diseases.txt</c> entry lists
    /// this finding; every other test image, including abnormal images without it, counts as
    /// negative. Null (the default) tests all abnormal images.
    /// </summary>
    public string? TestFinding { get; init; }
}
