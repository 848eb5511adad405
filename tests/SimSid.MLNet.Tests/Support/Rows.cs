using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace SimSid.MLNet.Tests.Support;

public sealed class PixelRow
{
    [VectorType(TestImages.PixelCount)]
    public float[] Pixels { get; set; } = [];

    public bool Label { get; set; }
}

public sealed class UnlabelledPixelRow
{
    [VectorType(TestImages.PixelCount)]
    public float[] Pixels { get; set; } = [];
}

public sealed class ImageRow
{
    [ImageType(TestImages.Side * 2, TestImages.Side * 2)]
    public MLImage? Image { get; set; }

    public bool Label { get; set; }
}

public sealed class ImagePathRow
{
    public string ImagePath { get; set; } = "";

    public bool Label { get; set; }
}

public sealed class ScoredRow
{
    public float Score { get; set; }

    public bool PredictedLabel { get; set; }
}
