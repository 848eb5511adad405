using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace SimSid.Torch.Persistence;

/// <summary>The patch memory's section of a model file: its images, row-major, as 16-bit floats.</summary>
internal static class PatchMemoryFile
{
    /// <summary>The section's bytes.</summary>
    public static byte[] Bytes(PatchMemory memory)
    {
        using var scope = NewDisposeScope();
        var values = memory.Images.to(CPU).contiguous().data<float>().ToArray();
        var halves = Array.ConvertAll(values, v => (Half)v);
        return MemoryMarshal.AsBytes(halves.AsSpan()).ToArray();
    }

    /// <summary>
    /// The memory of <paramref name="count"/> images of side <paramref name="size"/> stored in <paramref name="bytes"/>,
    /// pixel patches taken at <paramref name="patchSide"/>, matched as <paramref name="matching"/> says.
    /// </summary>
    /// <exception cref="ModelFileException">The section's length does not match the header.</exception>
    public static PatchMemory Read(byte[] bytes, int count, int size, int patchSide, PlaceMatching matching, Device device, string source)
    {
        long expected = (long)count * size * size * sizeof(ushort);
        if (count < 1 || bytes.Length != expected)
            throw new ModelFileException($"\"{source}\" is corrupt: its patch memory holds {bytes.Length} bytes, not the {expected} of {count} images of {size}x{size}.");
        var values = Array.ConvertAll(MemoryMarshal.Cast<byte, Half>(bytes).ToArray(), h => (float)h);
        return PatchMemory.FromImages(tensor(values, [count, 1, size, size]).to(device), patchSide, matching);
    }
}
