using Microsoft.ML.Data;

namespace SimSid.MLNet.Imaging;

/// <summary>
/// Turns an <see cref="MLImage"/> of any size and colour into the model's input: a row-major
/// <c>size x size</c> grayscale image in [0, 1]. Luma uses the ITU-R BT.601 weights; alpha is ignored;
/// the image is stretched to the square (as the SimSID reference resizes), averaging areas when
/// shrinking. Instances cache the resampling weights of the last source size and are not thread-safe.
/// </summary>
internal sealed class GrayscaleImageConverter(int size)
{
    private const float RedWeight = 0.299f / 255, GreenWeight = 0.587f / 255, BlueWeight = 0.114f / 255;

    private AxisResampler? _rows, _columns;
    private float[] _luma = [];
    private float[] _rowPass = [];

    public int Size { get; } = size;

    public float[] Convert(MLImage image)
    {
        int width = image.Width, height = image.Height;
        ReadOnlySpan<byte> pixels = image.Pixels;
        if (pixels.Length != width * height * 4)
            throw new NotSupportedException(
                $"Expected a {width}x{height} image with 4 bytes per pixel ({width * height * 4} bytes) but it has {pixels.Length} bytes.");

        (int red, int blue) = image.PixelFormat switch
        {
            MLPixelFormat.Bgra32 => (2, 0),
            MLPixelFormat.Rgba32 => (0, 2),
            var other => throw new NotSupportedException($"Pixel format {other} is not supported; expected Bgra32 or Rgba32."),
        };

        int count = width * height;
        if (_luma.Length != count)
            _luma = new float[count];
        for (int i = 0, p = 0; i < count; i++, p += 4)
            _luma[i] = RedWeight * pixels[p + red] + GreenWeight * pixels[p + 1] + BlueWeight * pixels[p + blue];

        return Resize(_luma, width, height);
    }

    private float[] Resize(float[] source, int width, int height)
    {
        var result = new float[Size * Size];
        if (width == Size && height == Size)
        {
            Array.Copy(source, result, result.Length);
            return ClampToUnit(result);
        }

        if (_columns?.SourceLength != width)
            _columns = new AxisResampler(width, Size);
        if (_rows?.SourceLength != height)
            _rows = new AxisResampler(height, Size);
        if (_rowPass.Length != height * Size)
            _rowPass = new float[height * Size];

        // Horizontal pass: height x width -> height x Size; then vertical: -> Size x Size.
        for (int y = 0; y < height; y++)
        {
            int sourceRow = y * width, targetRow = y * Size;
            for (int x = 0; x < Size; x++)
                _rowPass[targetRow + x] = WeightedSum(source, sourceRow, 1, _columns.Sources(x), _columns.Weights(x));
        }
        for (int y = 0; y < Size; y++)
        {
            for (int x = 0; x < Size; x++)
                result[y * Size + x] = WeightedSum(_rowPass, x, Size, _rows.Sources(y), _rows.Weights(y));
        }
        return ClampToUnit(result);
    }

    // Weights sum to 1, so only float rounding can push a value past the ends.
    private static float[] ClampToUnit(float[] values)
    {
        for (int i = 0; i < values.Length; i++)
            values[i] = Math.Clamp(values[i], 0f, 1f);
        return values;
    }

    private static float WeightedSum(float[] data, int offset, int stride, ReadOnlySpan<int> indices, ReadOnlySpan<float> weights)
    {
        float sum = 0;
        for (int i = 0; i < indices.Length; i++)
            sum += weights[i] * data[offset + indices[i] * stride];
        return sum;
    }
}
