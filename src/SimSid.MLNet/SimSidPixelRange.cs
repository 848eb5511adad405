namespace SimSid.MLNet;

/// <summary>
/// The range of the pixel values in a float-vector input column. Image (<c>MLImage</c>) columns
/// need no range: their 8-bit channels are converted as the CLI converts image files.
/// </summary>
public enum SimSidPixelRange
{
    /// <summary>Pixels are in [0, 1], e.g. <c>ExtractPixels(scaleImage: 1f / 255)</c>.</summary>
    ZeroToOne,

    /// <summary>Pixels are in [0, 255], e.g. <c>ExtractPixels()</c> with its default scale.</summary>
    ZeroTo255,
}
