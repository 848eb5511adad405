using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SimSid.Torch.Evaluation;
using SimSid.Torch.Network;

namespace SimSid.Torch.Persistence;

/// <summary>
/// The file format of models and training checkpoints:
/// magic "SIMSIDNT", format version, a JSON header (options, calibration, threshold, queue write
/// positions, training counters), named binary sections (weights in TorchSharp's format, optimizer
/// states), then a SHA-256 of everything before it, so truncation and corruption are detected.
/// </summary>
public static class ModelFile
{
    /// <summary>The version this library writes.</summary>
    public const int FormatVersion = 3;

    /// <summary>
    /// The oldest version this library reads. Version 1 files were written before the memories' place matching was
    /// an option; they keep the matching they were calibrated with (<see cref="PlaceMatching.Legacy"/>). Version 2 files
    /// that take the mean over the image from the third stage described it on the second stage's grid, which this
    /// library no longer does, so their calibration would not fit: they are refused (the others read as they were).
    /// </summary>
    public const int OldestReadableVersion = 1;

    private static readonly byte[] Magic = "SIMSIDNT"u8.ToArray();
    private const string Generator = "generator", Discriminator = "discriminator",
        GeneratorOptimizer = "generator_optimizer", DiscriminatorOptimizer = "discriminator_optimizer",
        BestGenerator = "best_generator", BestDiscriminator = "best_discriminator", PatchMemory = "patch_memory";

    /// <summary>JSON settings of the header.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Writes <paramref name="model"/>, and the training state when given, to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, SimSidModel model, TrainingSnapshot? training)
    {
        var header = new Header
        {
            Library = typeof(ModelFile).Assembly.GetName().Version?.ToString() ?? "unknown",
            Options = model.Options,
            Calibration = model.Calibration,
            Thresholds = model.Thresholds?.ToDictionary(),
            EpochsTrained = model.EpochsTrained,
            ValidationAucs = model.ValidationAucs?.ToDictionary(),
            ValidationCounts = model.ValidationCounts,
            CrossFittedNetworkAucs = model.CrossFittedNetworkAucs,
            PatchMemoryImages = model.PatchMemory?.Count,
            QueueWritePositions = QueuesOf(model.Generator).Select(q => q.WritePosition).ToArray(),
            Training = training is null ? null : training with
            {
                GeneratorOptimizer = [], DiscriminatorOptimizer = [], BestGenerator = null, BestDiscriminator = null,
            },
        };
        var sections = new List<(string, byte[])>
        {
            (Generator, ModuleBytes(model.Generator)),
            (Discriminator, ModuleBytes(model.Discriminator)),
        };
        if (model.PatchMemory is not null) sections.Add((PatchMemory, PatchMemoryFile.Bytes(model.PatchMemory)));
        if (training is not null)
        {
            sections.Add((GeneratorOptimizer, training.GeneratorOptimizer));
            sections.Add((DiscriminatorOptimizer, training.DiscriminatorOptimizer));
            if (training.BestGenerator is not null) sections.Add((BestGenerator, training.BestGenerator));
            if (training.BestDiscriminator is not null) sections.Add((BestDiscriminator, training.BestDiscriminator));
        }

        using var hashing = new HashingStream(stream);
        using (var writer = new BinaryWriter(hashing, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(JsonSerializer.Serialize(header, JsonOptions));
            writer.Write(sections.Count);
            foreach (var (name, bytes) in sections)
            {
                writer.Write(name);
                writer.Write((long)bytes.Length);
                writer.Write(bytes);
            }
        }
        stream.Write(hashing.Sha256());
        stream.Flush();
    }

    /// <summary>
    /// Reads a model, and the training state when the file is a checkpoint, from <paramref name="stream"/>.
    /// </summary>
    /// <param name="stream">The file's bytes.</param>
    /// <param name="source">What to call the stream in error messages (usually its path).</param>
    /// <param name="device">Device to load onto; null keeps the stored one where available.</param>
    /// <exception cref="ModelFileException">The file is not a SimSID model, is from another format version, truncated or corrupt.</exception>
    public static (SimSidModel Model, TrainingSnapshot? Training) Read(Stream stream, string source, string? device = null)
    {
        Header header;
        int version;
        Dictionary<string, byte[]> sections;
        using (var hashing = new HashingStream(stream))
        {
            try
            {
                using var reader = new BinaryReader(hashing, Encoding.UTF8, leaveOpen: true);
                var magic = reader.ReadBytes(Magic.Length);
                if (magic.Length < Magic.Length && Magic.AsSpan().StartsWith(magic)) throw new EndOfStreamException();
                if (!magic.AsSpan().SequenceEqual(Magic))
                    throw new ModelFileException($"\"{source}\" is not a SimSID model or checkpoint file (it does not start with the SimSID signature).");
                version = reader.ReadInt32();
                if (version is < OldestReadableVersion or > FormatVersion)
                    throw new ModelFileException(
                        $"\"{source}\" was written in SimSID model format version {version}; this library reads versions {OldestReadableVersion} to {FormatVersion}. " +
                        (version > FormatVersion ? "Upgrade SimSid.NET to read it." : "Re-train or convert it with the SimSid.NET version that wrote it."));
                header = JsonSerializer.Deserialize<Header>(reader.ReadString(), JsonOptions)
                    ?? throw new ModelFileException($"\"{source}\" has an empty header.");
                int count = reader.ReadInt32();
                if (count is < 2 or > 16) throw new ModelFileException($"\"{source}\" is corrupt: it claims {count} sections.");
                sections = new Dictionary<string, byte[]>();
                for (int i = 0; i < count; i++)
                {
                    string name = reader.ReadString();
                    long length = reader.ReadInt64();
                    if (length < 0 || length > Array.MaxLength)
                        throw new ModelFileException($"\"{source}\" is corrupt: section \"{name}\" claims {length} bytes.");
                    sections[name] = ReadSection(reader, stream, source, name, (int)length);
                }
            }
            catch (EndOfStreamException e)
            {
                throw Truncated(source, e);
            }
            catch (JsonException e)
            {
                throw new ModelFileException($"\"{source}\" is corrupt: its header is not valid ({e.Message}).", e);
            }
            catch (DecoderFallbackException e)
            {
                throw new ModelFileException($"\"{source}\" is corrupt: its header is not valid text.", e);
            }
            var expected = hashing.Sha256();
            var stored = new byte[expected.Length];
            if (stream.ReadAtLeast(stored, stored.Length, throwOnEndOfStream: false) != stored.Length)
                throw Truncated(source, null);
            if (!CryptographicOperations.FixedTimeEquals(expected, stored))
                throw new ModelFileException($"\"{source}\" is corrupt: its checksum does not match its contents. Use another copy of the file.");
        }

        if (!sections.ContainsKey(Generator) || !sections.ContainsKey(Discriminator))
            throw new ModelFileException($"\"{source}\" is corrupt: it lacks the generator or discriminator weights.");
        var options = header.Options ?? throw new ModelFileException($"\"{source}\" is corrupt: its header has no options.");
        if (version == 1)
            options = options with { Scoring = options.Scoring with { MemorySearchRadius = PlaceMatching.Legacy.SearchRadius, MemoryBorder = PlaceMatching.Legacy.Border } };
        if (version == 2 && options.Scoring.FeatureMemoryMeanStage == ResNetStage.Third)
            throw new ModelFileException(
                $"\"{source}\" was written by a development build whose mean over the image read the third stage's features on a " +
                "32 x 32 grid; this library reads them on their own 16 x 16 grid, so the model's calibration and thresholds would not fit. " +
                "Train it again with this version (the same data and options).");
        SimSidModel model;
        try
        {
            model = SimSidModel.Restore(options, device);
        }
        catch (SimSidOptionsException e)
        {
            throw new ModelFileException($"\"{source}\" holds options this library rejects:{Environment.NewLine}{e.Message}", e);
        }
        try
        {
            LoadModule(model.Generator, sections[Generator], source, "generator");
            LoadModule(model.Discriminator, sections[Discriminator], source, "discriminator");
            var queues = QueuesOf(model.Generator).ToList();
            for (int i = 0; i < queues.Count && i < header.QueueWritePositions.Length; i++)
                queues[i].WritePosition = header.QueueWritePositions[i];
            model.Calibration = header.Calibration;
            // Files written before every mode had its own threshold hold only the options' mode's.
            model.Thresholds = header.Thresholds
                ?? (header.Threshold is null ? null : new Dictionary<ScoringMode, ThresholdSelection> { [model.Options.Scoring.Mode] = header.Threshold });
            model.EpochsTrained = header.EpochsTrained;
            model.ValidationAucs = header.ValidationAucs;
            model.ValidationCounts = header.ValidationCounts;
            model.CrossFittedNetworkAucs = header.CrossFittedNetworkAucs;
            if (sections.TryGetValue(PatchMemory, out var memory))
                model.PatchMemory = PatchMemoryFile.Read(memory, header.PatchMemoryImages ?? 0, options.InputSize, options.Network.ImageSize, PlaceMatching.Of(options.Scoring), model.Device, source);
            model.PrepareForScoring();
        }
        catch
        {
            model.Dispose();
            throw;
        }

        var training = header.Training is null ? null : header.Training with
        {
            GeneratorOptimizer = sections.GetValueOrDefault(GeneratorOptimizer) ?? [],
            DiscriminatorOptimizer = sections.GetValueOrDefault(DiscriminatorOptimizer) ?? [],
            BestGenerator = sections.GetValueOrDefault(BestGenerator),
            BestDiscriminator = sections.GetValueOrDefault(BestDiscriminator),
        };
        return (model, training);
    }

    /// <summary>
    /// Reads a section of <paramref name="length"/> bytes, a length the file declares and that may be
    /// corrupt: it is checked against what <paramref name="stream"/> holds before anything that size is
    /// allocated. A stream of unknown length is read in growing chunks, so a corrupt length runs into the
    /// end of the data (a truncation) instead of allocating gigabytes.
    /// </summary>
    private static byte[] ReadSection(BinaryReader reader, Stream stream, string source, string name, int length)
    {
        if (stream.CanSeek)
        {
            long remaining = stream.Length - stream.Position;
            if (length > remaining)
                throw new ModelFileException(
                    $"\"{source}\" is truncated or corrupt: it ends before its contents do (its section \"{name}\" claims {length} bytes, " +
                    $"but only {Math.Max(remaining, 0)} remain). Use a complete, undamaged copy of the file.");
            var exact = reader.ReadBytes(length);
            if (exact.Length != length) throw new EndOfStreamException();
            return exact;
        }
        const int FirstChunk = 1 << 20;
        var bytes = new byte[Math.Min(length, FirstChunk)];
        int filled = 0;
        while (filled < length)
        {
            if (filled == bytes.Length) Array.Resize(ref bytes, (int)Math.Min(length, 2L * bytes.Length));
            int read = reader.Read(bytes, filled, bytes.Length - filled);
            if (read == 0) throw new EndOfStreamException();
            filled += read;
        }
        return bytes;
    }

    /// <summary>Serialized weights (TorchSharp's module format) of <paramref name="module"/>.</summary>
    public static byte[] ModuleBytes(TorchSharp.torch.nn.Module module)
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, Encoding.UTF8, leaveOpen: true)) module.save(writer);
        return memory.ToArray();
    }

    /// <summary>Loads weights written by <see cref="ModuleBytes"/> into <paramref name="module"/>.</summary>
    public static void LoadModule(TorchSharp.torch.nn.Module module, byte[] bytes, string source, string what)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes));
            module.load(reader, strict: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or EndOfStreamException or IOException)
        {
            throw new ModelFileException($"\"{source}\": the {what} weights do not fit the network its options describe ({e.Message}).", e);
        }
        finally
        {
            // Loaded in place (in part when it failed): the weights folded for scoring are the old ones.
            ResidualConvBlock.ForgetFoldedWeightsIn(module);
        }
    }

    /// <summary>Opens a model file for reading with a clear error when it does not exist.</summary>
    public static Stream OpenRead(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"The SimSID model file \"{path}\" does not exist.", path);
        return new BufferedStream(File.OpenRead(path), 1 << 20);
    }

    /// <summary>Writes a file through a temporary file renamed into place, so an interrupted write never leaves a broken file.</summary>
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".partial";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private static IEnumerable<MemoryQueue> QueuesOf(SimSidGenerator generator) => generator.Inpainting.Memories.OfType<MemoryQueue>();

    private static ModelFileException Truncated(string source, Exception? inner) =>
        new($"\"{source}\" is truncated: it ends before its contents do (an interrupted copy or download?). Use a complete copy of the file.", inner);

    private sealed record Header
    {
        public string Library { get; init; } = "";
        public SimSidOptions? Options { get; init; }
        public ScoreCalibration? Calibration { get; init; }
        /// <summary>The single threshold of files written before every mode had its own; read, no longer written.</summary>
        public ThresholdSelection? Threshold { get; init; }
        public Dictionary<ScoringMode, ThresholdSelection>? Thresholds { get; init; }
        public int EpochsTrained { get; init; }
        public Dictionary<ScoringMode, double>? ValidationAucs { get; init; }
        public ValidationCounts? ValidationCounts { get; init; }
        public bool CrossFittedNetworkAucs { get; init; }
        public int? PatchMemoryImages { get; init; }
        public int[] QueueWritePositions { get; init; } = [];
        public TrainingSnapshot? Training { get; init; }
    }
}
