using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimSid.Torch.Training;

/// <summary>
/// TorchSharp's Adam stepping without temporary Scalars: its own step makes about seven per parameter (see
/// <see cref="HeldScalars"/>). The same arithmetic in the same order on the same state, so the weights of a seeded
/// run and the saved optimizer state are those of TorchSharp's Adam. Neither amsgrad nor maximize (SimSID uses neither).
/// </summary>
internal sealed class SimSidAdam(IEnumerable<Parameter> parameters, double learningRate, double beta1, double beta2, double eps = 1e-8, double weightDecay = 0)
    : Adam(parameters, learningRate, beta1, beta2, eps, weightDecay)
{
    /// <inheritdoc/>
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = (Options)group.Options;
        double beta1 = options.beta1!.Value, beta2 = options.beta2!.Value, eps = options.eps!.Value;
        double weightDecay = options.weight_decay!.Value, learningRate = options.LearningRate!.Value;
        foreach (var parameter in group.Parameters)
        {
            var grad = parameter.grad;
            if (grad is null) continue;
            var state = (State)_state[parameter.Handle];
            state.step += 1;
            double correction1 = 1 - Math.Pow(beta1, state.step), correction2 = 1 - Math.Pow(beta2, state.step);
            if (weightDecay != 0) grad = grad.add(parameter, HeldScalars.Of(weightDecay));
            state.exp_avg.mul_(HeldScalars.Of(beta1)).add_(grad, HeldScalars.Of(1 - beta1));
            state.exp_avg_sq.mul_(HeldScalars.Of(beta2)).addcmul_(grad, grad.conj(), HeldScalars.Of(1 - beta2));
            // These two change at every step, so they are scoped to it rather than held.
            using var rootCorrection2 = HeldScalars.Scoped(Math.Sqrt(correction2));
            using var stepSize = HeldScalars.Scoped(-(learningRate / correction1));
            var denominator = state.exp_avg_sq.sqrt().div(rootCorrection2).add_(HeldScalars.Of(eps), HeldScalars.Of(1));
            parameter.addcdiv_(state.exp_avg, denominator, stepSize);
        }
    }, closure);
}
