using System.IO.Compression;
using System.Security.Cryptography;
using SimSid.MLNet.Persistence;

namespace SimSid.MLNet.Tests.Support;

/// <summary>Reads and tampers with the SimSID component inside an ML.NET model zip.</summary>
internal static class ModelZipFile
{
    // ML.NET's model header keeps the component's format versions at these offsets of its main stream.
    private const int ModelVersionWrittenOffset = 0x48, ModelVersionReadableOffset = 0x4C;

    public static string[] EntryNames(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.Select(e => e.FullName).ToArray();
    }

    public static byte[] ReadPayload(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        using var stream = PayloadEntry(zip).Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static void ReplacePayload(string path, Func<byte[], byte[]?> change) =>
        Replace(path, zip => PayloadEntry(zip), change);

    /// <summary>
    /// Replaces the model's bytes and the length and SHA-256 the component records for them, so that the
    /// zip's own integrity check passes and the damage reaches the model's reader.
    /// </summary>
    public static void ReplacePayloadResealed(string path, Func<byte[], byte[]> change)
    {
        byte[] original = ReadPayload(path);
        byte[] changed = change(original.ToArray());
        ReplacePayload(path, _ => changed);
        Replace(path, MainStreamEntry, key =>
        {
            byte[] seal = Seal(original);
            int at = key.AsSpan().IndexOf(seal);
            if (at < 0 || key.AsSpan(at + 1).IndexOf(seal) >= 0)
                throw new InvalidOperationException("The payload's length and SHA-256 are not recorded exactly once in the component's main stream.");
            Seal(changed).CopyTo(key, at);
            return key;
        });
    }

    // How SimSidModelFormat records the payload: its length (Int64) followed by its SHA-256.
    private static byte[] Seal(byte[] payload) => [.. BitConverter.GetBytes((long)payload.Length), .. SHA256.HashData(payload)];

    /// <summary>Rewrites the format versions the SimSID component claims to be written in.</summary>
    public static void SetFormatVersion(string path, uint written, uint readable) =>
        Replace(path, zip => MainStreamEntry(zip), bytes =>
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(ModelVersionWrittenOffset), written);
            BitConverter.TryWriteBytes(bytes.AsSpan(ModelVersionReadableOffset), readable);
            return bytes;
        });

    private static ZipArchiveEntry PayloadEntry(ZipArchive zip) =>
        zip.Entries.Single(e => e.Name == SimSidModelFormat.PayloadEntry);

    private static ZipArchiveEntry MainStreamEntry(ZipArchive zip)
    {
        string folder = PayloadEntry(zip).FullName[..^SimSidModelFormat.PayloadEntry.Length];
        return zip.Entries.Single(e => e.FullName == folder + "Model.key");
    }

    /// <summary>Replaces an entry's bytes; a null result removes the entry.</summary>
    private static void Replace(string path, Func<ZipArchive, ZipArchiveEntry> find, Func<byte[], byte[]?> change)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var entry = find(zip);
        string name = entry.FullName;
        byte[] bytes;
        using (var stream = entry.Open())
        using (var copy = new MemoryStream())
        {
            stream.CopyTo(copy);
            bytes = copy.ToArray();
        }
        entry.Delete();
        var changed = change(bytes);
        if (changed is null)
            return;
        using var target = zip.CreateEntry(name).Open();
        target.Write(changed);
    }
}
