using System.Collections;
using SimSid.Torch.Network;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace SimSid.Torch.Import;

/// <summary>
/// Imports state dicts written by the reference PyTorch implementation
/// (<c>torch.save(model.state_dict(), path)</c>) into our generator and discriminator. The import is
/// total and checked: every reference tensor is used (or deliberately skipped), every tensor of ours
/// is filled, and shapes match; otherwise nothing is changed and the error lists every problem.
/// </summary>
public static class ReferenceCheckpoint
{
    /// <summary>Loads a reference generator state dict (the AE's <c>model.pth</c>) into <paramref name="generator"/>.</summary>
    public static ImportReport LoadGenerator(SimSidGenerator generator, string path) =>
        Load(generator, path, ReferenceKeyMap.MapGeneratorKey, "generator");

    /// <summary>Loads a reference discriminator state dict (<c>discriminator.pth</c>) into <paramref name="discriminator"/>.</summary>
    public static ImportReport LoadDiscriminator(Discriminator discriminator, string path) =>
        Load(discriminator, path, ReferenceKeyMap.MapDiscriminatorKey, "discriminator");

    private static ImportReport Load(nn.Module module, string path, Func<string, string?> map, string what)
    {
        var source = Unpickle(path, what);
        try
        {
            var ours = module.state_dict();
            var mapped = new Dictionary<string, (string Reference, Tensor Tensor)>();
            var unexpected = new List<string>();
            var skipped = new List<string>();
            foreach (DictionaryEntry entry in source)
            {
                string key = (string)entry.Key;
                string? target = map(key);
                if (target == ReferenceKeyMap.Skipped) skipped.Add(key);
                else if (target is null || !ours.ContainsKey(target)) unexpected.Add(key);
                else if (entry.Value is Tensor t) mapped[target] = (key, t);
                else unexpected.Add(key + " (not a tensor)");
            }
            var missing = ours.Keys.Where(k => !mapped.ContainsKey(k)).ToList();
            var misShaped = mapped
                .Where(kv => !kv.Value.Tensor.shape.SequenceEqual(ours[kv.Key].shape))
                .Select(kv => $"{kv.Value.Reference} [{string.Join(", ", kv.Value.Tensor.shape)}] -> {kv.Key} [{string.Join(", ", ours[kv.Key].shape)}]")
                .ToList();
            if (missing.Count + unexpected.Count + misShaped.Count > 0)
                throw new ReferenceImportException(path, what, missing, unexpected, misShaped);

            using (no_grad())
                foreach (var (key, (_, tensor)) in mapped)
                    ours[key].copy_(tensor);
            ResidualConvBlock.ForgetFoldedWeightsIn(module);
            return new ImportReport(mapped.Count, skipped);
        }
        finally
        {
            foreach (DictionaryEntry entry in source) (entry.Value as IDisposable)?.Dispose();
        }
    }

    private static Hashtable Unpickle(string path, string what)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"The reference {what} state dict \"{path}\" does not exist.", path);
        try
        {
            return PyTorchUnpickler.UnpickleStateDict(path);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException(
                $"\"{path}\" could not be read as a PyTorch state dict ({e.GetType().Name}: {e.Message}). " +
                $"Expected the file written by torch.save(model.state_dict(), path) for the reference {what}.", e);
        }
    }
}

/// <summary>What an import did: tensors copied and reference keys deliberately skipped.</summary>
public sealed record ImportReport(int Imported, IReadOnlyList<string> Skipped);

/// <summary>A reference state dict does not match our network; lists every missing, unexpected and mis-shaped key.</summary>
public sealed class ReferenceImportException : Exception
{
    /// <summary>Creates the exception with the lists of problems.</summary>
    public ReferenceImportException(string path, string what, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected, IReadOnlyList<string> misShaped)
        : base(Describe(path, what, missing, unexpected, misShaped))
    {
        Missing = missing;
        Unexpected = unexpected;
        MisShaped = misShaped;
    }

    /// <summary>Our keys that no reference key filled.</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>Reference keys that map to nothing of ours.</summary>
    public IReadOnlyList<string> Unexpected { get; }

    /// <summary>Reference keys whose shape differs from ours ("ref [shape] -> ours [shape]").</summary>
    public IReadOnlyList<string> MisShaped { get; }

    private static string Describe(string path, string what, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected, IReadOnlyList<string> misShaped)
    {
        var lines = new List<string> { $"The reference {what} state dict \"{path}\" does not match this network's configuration; nothing was loaded. Check that the options (preset, image size, features root, memory slots, queue or learned memories, teacher decoder) are those the checkpoint was trained with." };
        void Section(string title, IReadOnlyList<string> keys)
        {
            if (keys.Count == 0) return;
            lines.Add($"{title} ({keys.Count}):");
            lines.AddRange(keys.Take(20).Select(k => "  " + k));
            if (keys.Count > 20) lines.Add($"  ... and {keys.Count - 20} more");
        }
        Section("Mis-shaped", misShaped);
        Section("Missing (ours, not in the file)", missing);
        Section("Unexpected (in the file, not ours)", unexpected);
        return string.Join(Environment.NewLine, lines);
    }
}
