using Microsoft.ML;
using Microsoft.ML.Data;
using SimSid.Data.Imaging;
using SimSid.MLNet.Imaging;

namespace SimSid.MLNet.Columns;

/// <summary>
/// Reads the current row's image as the model's input (ImageSize*ImageSize pixels in [0, 1]): an
/// <see cref="MLImage"/> is prepared exactly as the CLI prepares an image file (<see cref="MLImageGrayscale"/>
/// then <see cref="RadiographLoader.Prepare"/>). Bound to one row or cursor; not thread-safe.
/// </summary>
internal sealed class ImageRowReader
{
    private readonly SimSidInputColumn _column;
    private readonly DataViewRow _row;
    private readonly ValueGetter<MLImage>? _imageGetter;
    private readonly ValueGetter<VBuffer<float>>? _vectorGetter;
    private MLImage _image = null!;
    private VBuffer<float> _vector;

    public ImageRowReader(SimSidInputColumn column, DataViewRow row)
    {
        _column = column;
        _row = row;
        var schemaColumn = row.Schema[column.Name];
        if (column.IsImage)
        {
            _imageGetter = row.GetGetter<MLImage>(schemaColumn);
        }
        else
        {
            _vectorGetter = row.GetGetter<VBuffer<float>>(schemaColumn);
        }
    }

    /// <summary>Reads the image of the row the cursor is on.</summary>
    /// <exception cref="InvalidDataException">The row holds no image or pixels outside the expected range.</exception>
    public float[] Read()
    {
        if (_imageGetter is not null)
        {
            _imageGetter(ref _image);
            if (_image is null)
                throw new InvalidDataException(
                    $"Row {_row.Position} of SimSID input column '{_column.Name}' holds no image; check that the image file exists and can be decoded.");
            return RadiographLoader.Prepare(MLImageGrayscale.Convert(_image), _column.ImageSize);
        }

        _vectorGetter!(ref _vector);
        var pixels = new float[_column.ImageSize * _column.ImageSize];
        if (_vector.Length != pixels.Length)
            throw new InvalidDataException(
                $"Row {_row.Position} of SimSID input column '{_column.Name}' has {_vector.Length} values; expected {pixels.Length}.");
        _vector.CopyTo(pixels);
        return Normalize(pixels);
    }

    private float[] Normalize(float[] pixels)
    {
        float max = _column.PixelRange == SimSidPixelRange.ZeroTo255 ? 255f : 1f;
        for (int i = 0; i < pixels.Length; i++)
        {
            float value = pixels[i];
            if (!(value >= 0 && value <= max))
                throw new InvalidDataException(OutOfRange(i, value, max));
            pixels[i] = value / max;
        }
        return pixels;
    }

    private string OutOfRange(int index, float value, float max)
    {
        string hint = _column.PixelRange == SimSidPixelRange.ZeroToOne && value > 1 && value <= 255
            ? $" If the column holds 0-255 pixels (ExtractPixels' default scale), set PixelRange to {nameof(SimSidPixelRange)}.{nameof(SimSidPixelRange.ZeroTo255)}, or extract with scaleImage: 1f / 255."
            : "";
        return $"Row {_row.Position} of SimSID input column '{_column.Name}' has pixel {index} = {value}, outside [0, {max}] " +
               $"(PixelRange = {_column.PixelRange}).{hint}";
    }
}
