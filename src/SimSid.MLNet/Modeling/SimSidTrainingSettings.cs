namespace SimSid.MLNet.Modeling;

/// <summary>The training request the ML.NET options turn into; null means "the preset's value".</summary>
/// <param name="Preset">Name of the configuration preset.</param>
/// <param name="ImageSize">Side of the square images the model is trained on.</param>
/// <param name="Epochs">Number of training epochs, or null for the preset's.</param>
/// <param name="BatchSize">Training batch size, or null for the preset's.</param>
/// <param name="Seed">Random seed, or null for a nondeterministic run.</param>
internal sealed record SimSidTrainingSettings(string Preset, int ImageSize, int? Epochs, int? BatchSize, int? Seed);
