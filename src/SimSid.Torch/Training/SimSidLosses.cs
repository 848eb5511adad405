using SimSid.Torch.Network;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SimSid.Torch.Training;

/// <summary>
/// The paper's training losses, weighted by <see cref="TrainingOptions"/>: the discriminator's
/// <c>w_D (BCE(D(x), real) + BCE(D(recon), fake))</c>, and the generator's
/// <c>w_rec MSE(recon, x) + w_adv BCE(D(recon), real)</c> plus, with a teacher decoder,
/// <c>w_teacher MSE(teacher_recon, x) + w_dist dist</c>.
/// </summary>
internal sealed class SimSidLosses(TrainingOptions options)
{
    /// <summary>The discriminator's loss: images are real, reconstructions (not back-propagated into the generator) fake.</summary>
    public Tensor Discriminator(Discriminator discriminator, Tensor images, Tensor reconstruction)
    {
        var real = discriminator.call(images);
        var fake = discriminator.call(reconstruction.detach());
        return F.binary_cross_entropy_with_logits(real, ones_like(real)).Plus(F.binary_cross_entropy_with_logits(fake, zeros_like(fake)))
            .mul(HeldScalars.Of(options.DiscriminatorLossWeight));
    }

    /// <summary>The generator's loss terms for <paramref name="output"/> of <paramref name="images"/>, judged by the discriminator.</summary>
    public GeneratorLoss Generator(Discriminator discriminator, GeneratorOutput output, Tensor images)
    {
        var reconstruction = F.mse_loss(output.Reconstruction, images).mul(HeldScalars.Of(options.ReconstructionWeight));
        var judged = discriminator.call(output.Reconstruction);
        var adversarial = F.binary_cross_entropy_with_logits(judged, ones_like(judged)).mul(HeldScalars.Of(options.AdversarialWeight));
        if (output.TeacherReconstruction is null)
            return new GeneratorLoss(reconstruction.Plus(adversarial), reconstruction, null, null, adversarial);

        var teacher = F.mse_loss(output.TeacherReconstruction, images).mul(HeldScalars.Of(options.TeacherReconstructionWeight));
        var distillation = output.DistillationLoss!.mul(HeldScalars.Of(options.DistillationWeight));
        // Keep this order of the sum: another order changes the last bits of the weights of a seeded run.
        var total = reconstruction.Plus(adversarial).Plus(teacher).Plus(distillation);
        return new GeneratorLoss(total, reconstruction, teacher, distillation, adversarial);
    }
}

/// <summary>The generator's weighted loss terms of one step and their sum; the teacher terms are null without a teacher decoder.</summary>
internal sealed record GeneratorLoss(Tensor Total, Tensor Reconstruction, Tensor? TeacherReconstruction, Tensor? Distillation, Tensor Adversarial)
{
    /// <summary>The terms' values, with the step's discriminator loss beside them.</summary>
    public TrainingLosses Values(double discriminator) => new(
        Reconstruction.item<float>(), TeacherReconstruction?.item<float>() ?? 0, Distillation?.item<float>() ?? 0,
        Adversarial.item<float>(), discriminator);
}
