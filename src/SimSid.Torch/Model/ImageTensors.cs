using TorchSharp;
using static TorchSharp.torch;

namespace SimSid.Torch;

/// <summary>
/// Conversion between the library's image representation — a square grayscale image as a row-major
/// <c>float[]</c> of intensities in [0, 1] — and the network's tensors (N, 1, S, S) in [-1, 1].
/// </summary>
public static class ImageTensors
{
    /// <summary>Stacks <paramref name="images"/>[<paramref name="start"/>..+count] into a (count, 1, S, S) tensor in [-1, 1].</summary>
    /// <exception cref="ArgumentException">An image has the wrong length or a non-finite pixel; the message names it.</exception>
    public static Tensor FromPixels(IReadOnlyList<float[]> images, int size, int start = 0, int? count = null, Device? device = null)
    {
        int n = count ?? images.Count - start;
        int pixels = size * size;
        var buffer = new float[(long)n * pixels];
        for (int i = 0; i < n; i++)
        {
            var image = images[start + i] ?? throw new ArgumentException($"Image {start + i} is null.", nameof(images));
            if (image.Length != pixels)
                throw new ArgumentException(
                    $"Image {start + i} has {image.Length} pixels; this model takes {size}x{size} = {pixels} grayscale pixels. Resize the images to {size}x{size}.", nameof(images));
            for (int p = 0; p < pixels; p++)
            {
                float v = image[p];
                if (!float.IsFinite(v))
                    throw new ArgumentException($"Image {start + i} has a non-finite pixel ({v}) at index {p} (row {p / size}, column {p % size}).", nameof(images));
                buffer[(long)i * pixels + p] = v * 2f - 1f;
            }
        }
        var t = tensor(buffer, [n, 1, size, size]);
        return device is null || device.type == DeviceType.CPU ? t : t.to(device);
    }

    /// <summary>Images (N, 1, S, S) in [-1, 1] back to row-major pixel arrays in [0, 1].</summary>
    public static float[][] ToPixels(Tensor images)
    {
        using var scope = NewDisposeScope();
        return Rows((images.detach() + 1f) / 2f);
    }

    /// <summary>Maps (N, 1, H, W) as row-major arrays of their values, one per map.</summary>
    public static float[][] Rows(Tensor maps)
    {
        using var scope = NewDisposeScope();
        long n = maps.shape[0], pixels = maps.shape[2] * maps.shape[3];
        var all = maps.detach().to(CPU).to(ScalarType.Float32).contiguous().data<float>().ToArray();
        var result = new float[n][];
        for (long i = 0; i < n; i++) result[i] = all.AsSpan((int)(i * pixels), (int)pixels).ToArray();
        return result;
    }
}
