using static TorchSharp.torch;

namespace SimSid.Torch.Network;

/// <summary>
/// The SimSID generator: encoder on windows, in-painting block at the bottleneck, student decoder
/// with space-aware memories; and, for self-distillation, a teacher decoder that sees the encoder's
/// features without in-painting (stop-gradient on its inputs).
/// </summary>
public sealed class SimSidGenerator : nn.Module<Tensor, GeneratorOutput>
{
    private readonly Encoder encoder;
    private readonly InpaintingBlock inpainting;
    private readonly Decoder student;
    private readonly Decoder? teacher;

    /// <summary>Creates the generator described by <paramref name="options"/> (on the CPU).</summary>
    public SimSidGenerator(NetworkOptions options) : base(nameof(SimSidGenerator))
    {
        Options = options;
        encoder = new Encoder(options);
        inpainting = new InpaintingBlock(options);
        student = new Decoder(options, withMemories: true);
        if (options.TeacherDecoder) teacher = new Decoder(options, withMemories: false);
        RegisterComponents();
    }

    /// <summary>The architecture.</summary>
    public NetworkOptions Options { get; }

    /// <summary>The in-painting block (its memory queues are written by the trainer).</summary>
    public InpaintingBlock Inpainting => inpainting;

    /// <summary>The student decoder, the one that reconstructs at scoring time.</summary>
    public Decoder Student => student;

    /// <summary>Reconstructs images (B, 1, S, S) in [-1, 1].</summary>
    public override GeneratorOutput forward(Tensor image)
    {
        var encoded = encoder.call(image);
        var reconstruction = student.call(inpainting.call(encoded.Bottleneck), encoded.Skips);
        if (teacher is null) return new GeneratorOutput(reconstruction.Image, null, null);

        var teacherSkips = encoded.Skips.Select(s => s.detach()).ToList();
        var taught = teacher.call(encoded.Bottleneck.detach(), teacherSkips);
        var distillation = stack(reconstruction.StageFeatures
            .Zip(taught.StageFeatures, (s, t) => nn.functional.mse_loss(s, t))).sum();
        return new GeneratorOutput(reconstruction.Image, taught.Image, distillation);
    }

    /// <summary>Reconstructs images with the student decoder only (no teacher work), for scoring.</summary>
    public Tensor Reconstruct(Tensor image)
    {
        var encoded = encoder.call(image);
        return student.call(inpainting.call(encoded.Bottleneck), encoded.Skips).Image;
    }
}

/// <summary>
/// What the generator computes: the student's reconstruction, and with a teacher decoder the
/// teacher's reconstruction and the summed per-stage distillation loss MSE(student, teacher).
/// </summary>
public sealed record GeneratorOutput(Tensor Reconstruction, Tensor? TeacherReconstruction, Tensor? DistillationLoss);
