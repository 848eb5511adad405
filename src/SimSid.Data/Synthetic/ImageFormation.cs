namespace SimSid.Data.Synthetic;

/// <summary>
/// Turns densities into a displayed radiograph: exponential attenuation, the detector's
/// window and gamma, unsharp-mask edge enhancement (as clinical processing does), blur and noise.
/// Output values are in [0, 1], dense structures bright.
/// </summary>
internal static class ImageFormation
{
    public static float[] Expose(float[] density, int size, PatientAnatomy a, DeterministicRandom random)
    {
        double pixelScale = size / 256.0;
        var image = new float[density.Length];
        float gain = (float)a.Gain;
        float black = (float)a.BlackLevel;
        float range = (float)(a.WhiteLevel - a.BlackLevel);
        float gamma = (float)a.Gamma;
        for (int i = 0; i < image.Length; i++)
        {
            float exposure = 1 - MathF.Exp(-gain * MathF.Max(density[i], 0));
            float windowed = Math.Clamp((exposure - black) / range, 0, 1);
            image[i] = MathF.Pow(windowed, gamma);
        }

        if (a.EdgeEnhancement > 0)
        {
            var background = (float[])image.Clone();
            GaussianBlur.Apply(background, size, 6 * pixelScale);
            for (int i = 0; i < image.Length; i++)
            {
                image[i] += (float)(a.EdgeEnhancement * (image[i] - background[i]));
            }
        }

        GaussianBlur.Apply(image, size, a.BlurSigma * pixelScale);

        // Detector noise is white; NoiseLevel is its size at 256 px. At other sizes it scales the way
        // averaging pixels scales it, so a radiograph rendered small matches one rendered large and shrunk.
        double noiseLevel = a.NoiseLevel * pixelScale;
        for (int i = 0; i < image.Length; i++)
        {
            double noise = noiseLevel * (0.6 + (0.8 * image[i])) * random.Gaussian();
            image[i] = (float)Math.Clamp(image[i] + noise, 0, 1);
        }

        return image;
    }
}
