using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimSid.Torch.Network;

/// <summary>
/// TorchSharp's BatchNorm2d (same parameters, buffers, names and arithmetic) without its temporary Scalar: its
/// training forward counts batches with <c>num_batches_tracked.add_(1)</c>, which passes two (see <see cref="HeldScalars"/>).
/// </summary>
public sealed class SimSidBatchNorm2d : BatchNorm
{
    /// <summary>Creates the normalisation of <paramref name="features"/> channels (eps 1e-5, momentum 0.1, affine, running statistics).</summary>
    public SimSidBatchNorm2d(long features) : base(features, 1e-5, 0.1, true, true, null, null, nameof(SimSidBatchNorm2d))
    {
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        ValidateInputDimensions(input);
        if (training && track_running_stats) num_batches_tracked?.add_(HeldScalars.Of(1), HeldScalars.Of(1));
        bool useRunning = !training || track_running_stats;
        bool batchStatistics = training || (running_mean is null && running_var is null);
        return nn.functional.batch_norm(input, useRunning ? running_mean : null, useRunning ? running_var : null, weight, bias,
            batchStatistics, momentum ?? 0.0, eps);
    }

    /// <inheritdoc/>
    protected override void ValidateInputDimensions(Tensor input)
    {
        if (input.ndim != 4) throw new ArgumentException($"Expected a 4D input (B, C, H, W), got {input.ndim}D.", nameof(input));
    }
}
