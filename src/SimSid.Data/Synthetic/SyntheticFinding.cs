namespace SimSid.Data.Synthetic;

/// <summary>The kinds of abnormality the synthetic generator can draw.</summary>
public enum SyntheticFinding
{
    /// <summary>A normal radiograph.</summary>
    None,

    /// <summary>Patchy air-space opacity in part of a lung (pneumonia-like).</summary>
    Consolidation,

    /// <summary>One or more small round opacities in the lungs.</summary>
    Nodule,

    /// <summary>Fluid at a lung base: blunted costophrenic angle, meniscus, hidden hemidiaphragm.</summary>
    PleuralEffusion,

    /// <summary>An enlarged heart silhouette (raised cardiothoracic ratio).</summary>
    Cardiomegaly,

    /// <summary>Air between lung and chest wall: a rim without lung markings and a visceral pleural line.</summary>
    Pneumothorax,
}
