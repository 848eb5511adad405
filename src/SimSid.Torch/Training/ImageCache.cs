using System.Runtime.InteropServices;
using System.Security.Cryptography;
using static TorchSharp.torch;

namespace SimSid.Torch.Training;

/// <summary>
/// The training images as a run reads them: every S x S image held as 8-bit intensities, a quarter of the
/// memory of floats and the precision of the image files they come from (the reference's loader, too, holds
/// its resized images as 8-bit). Images stay in memory up to <see cref="MemoryBudgetBytes"/>; the rest go to
/// a temporary file, deleted on <see cref="Dispose"/>, from which each batch is read back. So a run's memory
/// does not grow with the number of its images beyond the budget. Images are added once, in order
/// (<see cref="Add"/>), and read by index.
/// </summary>
public sealed class ImageCache : IDisposable
{
    /// <summary>The default memory budget: 1 GiB, 65,536 images at 128 px or 262,144 at 64 px.</summary>
    public const long DefaultMemoryBudgetBytes = 1L << 30;

    private const int ChunkBytes = 16 << 20;

    private readonly List<byte[]> chunks = [];
    private readonly int imageBytes, imagesPerChunk, memoryCapacity;
    private readonly string spillFolder;
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private FileStream? spill;
    private string? fingerprint;

    /// <summary>An empty cache of <paramref name="side"/> x <paramref name="side"/> images.</summary>
    /// <param name="side">The images' side in pixels.</param>
    /// <param name="memoryBudgetBytes">At most this many bytes of images are held in memory (0: every image on disk).</param>
    /// <param name="spillFolder">Where the temporary file of the images beyond the budget goes (default: the system's temporary folder).</param>
    public ImageCache(int side, long memoryBudgetBytes = DefaultMemoryBudgetBytes, string? spillFolder = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(side, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(memoryBudgetBytes);
        Side = side;
        MemoryBudgetBytes = memoryBudgetBytes;
        imageBytes = side * side;
        imagesPerChunk = Math.Max(1, ChunkBytes / imageBytes);
        memoryCapacity = (int)Math.Min(int.MaxValue, memoryBudgetBytes / imageBytes);
        this.spillFolder = spillFolder ?? Path.GetTempPath();
    }

    /// <summary>A cache of <paramref name="images"/> (row-major <paramref name="side"/>² pixels in [0, 1]), in their order.</summary>
    /// <exception cref="ArgumentException">An image has the wrong length or a non-finite pixel; the message names it.</exception>
    public static ImageCache From(IReadOnlyList<float[]> images, int side, long memoryBudgetBytes = DefaultMemoryBudgetBytes)
    {
        ArgumentNullException.ThrowIfNull(images);
        return Filled(side, memoryBudgetBytes, cache =>
        {
            foreach (var image in images) cache.Add(image);
        });
    }

    /// <summary>A new cache that <paramref name="fill"/> adds its images to; disposed again if filling fails.</summary>
    public static ImageCache Filled(int side, long memoryBudgetBytes, Action<ImageCache> fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        var cache = new ImageCache(side, memoryBudgetBytes);
        try
        {
            fill(cache);
            return cache;
        }
        catch
        {
            cache.Dispose();
            throw;
        }
    }

    /// <summary>The images' side in pixels.</summary>
    public int Side { get; }

    /// <summary>The number of images added.</summary>
    public int Count { get; private set; }

    /// <summary>The most bytes of images held in memory.</summary>
    public long MemoryBudgetBytes { get; }

    /// <summary>How many of the images are held in memory; the others are in the temporary file.</summary>
    public int ImagesInMemory => Math.Min(Count, memoryCapacity);

    /// <summary>
    /// Adds an image (row-major S x S pixels in [0, 1]; values beyond are clipped, as an 8-bit image file clips them).
    /// </summary>
    /// <exception cref="ArgumentException">The image has the wrong length or a non-finite pixel; the message names it by its index.</exception>
    /// <exception cref="InvalidOperationException">The cache has been read from: its fingerprint is fixed.</exception>
    public void Add(float[] pixels)
    {
        if (fingerprint is not null) throw new InvalidOperationException("Images cannot be added to an image cache once a run has read it.");
        ImageTensors.Check(pixels, Count, Side, nameof(pixels));
        var scaled = new float[imageBytes];
        var levels = new byte[imageBytes];
        for (int p = 0; p < imageBytes; p++)
        {
            float v = pixels[p];
            scaled[p] = v * 2f - 1f;
            levels[p] = (byte)MathF.Round(Math.Clamp(v, 0f, 1f) * 255f);
        }
        hash.AppendData(MemoryMarshal.AsBytes(scaled.AsSpan()));

        if (Count < memoryCapacity)
        {
            if (Count % imagesPerChunk == 0) chunks.Add(new byte[(long)Math.Min(imagesPerChunk, memoryCapacity - Count) * imageBytes]);
            levels.CopyTo(chunks[^1].AsSpan(Count % imagesPerChunk * imageBytes));
        }
        else
        {
            spill ??= new FileStream(Path.Combine(spillFolder, $"simsid-images-{Guid.NewGuid():N}.u8"), FileMode.CreateNew, FileAccess.ReadWrite,
                FileShare.None, 1, FileOptions.DeleteOnClose | FileOptions.RandomAccess);
            RandomAccess.Write(spill.SafeFileHandle, levels, SpillOffset(Count));
        }
        Count++;
    }

    /// <summary>Image <paramref name="index"/> as held: row-major S x S pixels at the 256 levels k / 255.</summary>
    /// <exception cref="ArgumentOutOfRangeException">There is no such image.</exception>
    public float[] Pixels(int index)
    {
        var levels = new byte[imageBytes];
        CopyLevels(index, levels);
        return [.. levels.Select(b => b / 255f)];
    }

    /// <summary>SHA-256 (hex) of the images as added, before rounding to 8 bits (as floats mapped to [-1, 1]); fixes the cache.</summary>
    internal string Fingerprint => fingerprint ??= Convert.ToHexString(hash.GetHashAndReset());

    /// <summary>Images <paramref name="start"/>..+<paramref name="count"/> as a (count, 1, S, S) tensor in [-1, 1].</summary>
    internal Tensor Read(int start, int count) => Read(Enumerable.Range(start, count).Select(i => (long)i).ToArray());

    /// <summary>The images at <paramref name="indices"/> (a 1-D integer tensor) as a (n, 1, S, S) tensor in [-1, 1].</summary>
    internal Tensor Read(Tensor indices) => Read(indices.to(CPU).to(ScalarType.Int64).data<long>().ToArray());

    /// <summary>The images at <paramref name="indices"/> as a (n, 1, S, S) tensor in [-1, 1].</summary>
    internal Tensor Read(long[] indices)
    {
        _ = Fingerprint;
        // Written straight into the tensor's memory: no managed buffer per batch, so reading adds no garbage to collect.
        using var raw = empty([indices.Length, 1, Side, Side], ScalarType.Byte);
        var levels = raw.bytes;
        for (int i = 0; i < indices.Length; i++) CopyLevels(indices[i], levels.Slice(i * imageBytes, imageBytes));
        return raw.to(ScalarType.Float32).div_(HeldScalars.Of(255.0)).mul_(HeldScalars.Of(2.0)).sub_(HeldScalars.Of(1.0));
    }

    private void CopyLevels(long index, Span<byte> target)
    {
        if (index < 0 || index >= Count) throw new ArgumentOutOfRangeException(nameof(index), $"Image {index} of a cache of {Count}.");
        if (index < memoryCapacity)
            chunks[(int)(index / imagesPerChunk)].AsSpan((int)(index % imagesPerChunk) * imageBytes, imageBytes).CopyTo(target);
        else if (RandomAccess.Read(spill!.SafeFileHandle, target, SpillOffset(index)) != imageBytes)
            throw new IOException($"The image cache's temporary file {spill.Name} ended before image {index}.");
    }

    private long SpillOffset(long index) => (index - memoryCapacity) * imageBytes;

    /// <summary>Deletes the temporary file.</summary>
    public void Dispose()
    {
        spill?.Dispose();
        spill = null;
        hash.Dispose();
        chunks.Clear();
    }
}
