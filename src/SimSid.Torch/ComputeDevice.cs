using static TorchSharp.torch;

namespace SimSid.Torch;

/// <summary>Turns the options' device name into a TorchSharp device, with a clear error when it is unavailable.</summary>
public static class ComputeDevice
{
    /// <summary>The device named by <paramref name="name"/> ("cpu", "cuda", "cuda:N").</summary>
    /// <exception cref="InvalidOperationException">CUDA was asked for but TorchSharp reports none.</exception>
    public static Device Resolve(string name)
    {
        if (name == "cpu") return CPU;
        if (!name.StartsWith("cuda", StringComparison.Ordinal))
            throw new ArgumentException($"Unknown device \"{name}\": use \"cpu\", \"cuda\" or \"cuda:N\".", nameof(name));
        if (!cuda.is_available())
            throw new InvalidOperationException(
                $"Device \"{name}\" was asked for, but TorchSharp finds no CUDA device. Build with the CUDA libtorch package " +
                "(see the README, -p:SimSidCuda=true on Windows) on a machine with an NVIDIA GPU, or use \"cpu\".");
        return new Device(name);
    }

    /// <summary>"cuda" when TorchSharp reports a CUDA device, else "cpu".</summary>
    public static string Best => cuda.is_available() ? "cuda" : "cpu";
}
