using System.Security.Cryptography;
using SimSid.Torch.Persistence;

namespace SimSid.Torch.Tests.Persistence;

public sealed class HashingStreamTests
{
    private static byte[] Bytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public void Writing_PassesEveryByteThroughAndKeepsTheirCountAndSha256()
    {
        byte[] first = Bytes(1000, 1), second = Bytes(77, 2);
        using var inner = new MemoryStream();
        using var hashing = new HashingStream(inner);

        hashing.Write(first, 0, first.Length);
        hashing.Write(second.AsSpan());
        hashing.WriteByte(42);

        byte[] all = [.. first, .. second, 42];
        Assert.Equal(all, inner.ToArray());
        Assert.Equal(all.Length, hashing.Count);
        Assert.Equal(all.Length, hashing.Position);
        Assert.Equal(SHA256.HashData(all), hashing.Sha256());
    }

    [Fact]
    public void Reading_HashesExactlyTheBytesReadSoFar()
    {
        byte[] content = Bytes(5000, 3);
        using var hashing = new HashingStream(new MemoryStream(content));
        var head = new byte[1234];

        hashing.ReadExactly(head);
        Assert.Equal(content[..1234], head);
        Assert.Equal(1234, hashing.Count);
        Assert.Equal(SHA256.HashData(content.AsSpan(0, 1234)), hashing.Sha256());

        using var rest = new MemoryStream();
        hashing.CopyTo(rest);
        Assert.Equal(content[1234..], rest.ToArray());
        Assert.Equal(content.Length, hashing.Count);
        Assert.Equal(SHA256.HashData(content), hashing.Sha256());
        Assert.Equal(0, hashing.Read(new byte[10], 0, 10));
        Assert.Equal(SHA256.HashData(content), hashing.Sha256());
    }

    [Fact]
    public void Disposing_LeavesTheInnerStreamOpen()
    {
        var inner = new MemoryStream();
        using (var hashing = new HashingStream(inner))
            hashing.Write([1, 2, 3]);

        inner.WriteByte(4);
        Assert.Equal([1, 2, 3, 4], inner.ToArray());
    }

    [Fact]
    public void Seeking_IsNotSupported()
    {
        using var hashing = new HashingStream(new MemoryStream(Bytes(10, 4)));

        Assert.False(hashing.CanSeek);
        Assert.True(hashing.CanRead);
        Assert.Throws<NotSupportedException>(() => hashing.Seek(0, SeekOrigin.Begin));
        Assert.Throws<NotSupportedException>(() => hashing.Length);
        Assert.Throws<NotSupportedException>(() => hashing.Position = 3);
        Assert.Throws<NotSupportedException>(() => hashing.SetLength(3));
    }
}
