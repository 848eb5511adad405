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
            var image = images[start + i];
            Check(image, start + i, size, nameof(images));
            for (int p = 0; p < pixels; p++) buffer[(long)i * pixels + p] = image[p] * 2f - 1f;
        }
        var t = tensor(buffer, [n, 1, size, size]);
        return device is null || device.type == DeviceType.CPU ? t : t.to(device);
    }

    /// <summary>
    /// Checks that <paramref name="image"/>, the <paramref name="index"/>-th given, is <paramref name="size"/> x
    /// <paramref name="size"/> finite pixels.
    /// </summary>
    /// <exception cref="ArgumentException">It is null, has the wrong length or a non-finite pixel; the message names it.</exception>
    internal static void Check(float[]? image, int index, int size, string paramName)
    {
        int pixels = size * size;
        if (image is null) throw new ArgumentException($"Image {index} is null.", paramName);
        if (image.Length != pixels)
            throw new ArgumentException(
                $"Image {index} has {image.Length} pixels; this model takes {size}x{size} = {pixels} grayscale pixels. Resize the images to {size}x{size}.", paramName);
        int bad = Array.FindIndex(image, v => !float.IsFinite(v));
        if (bad >= 0)
            throw new ArgumentException($"Image {index} has a non-finite pixel ({image[bad]}) at index {bad} (row {bad / size}, column {bad % size}).", paramName);
    }

    /// <summary>Images (N, 1, S, S) in [-1, 1] back to row-major pixel arrays in [0, 1].</summary>
    public static float[][] ToPixels(Tensor images)
    {
        using var scope = NewDisposeScope();
        return Rows(images.detach().Plus(1).div(HeldScalars.Of(2.0)));
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
