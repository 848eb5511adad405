namespace SimSid.Torch;

/// <summary>A stage of the pretrained ResNet-18 whose features a feature memory compares (<see cref="Pretrained.PretrainedResNet18"/>).</summary>
public enum ResNetStage
{
    /// <summary>The second stage: 128 channels at 1/8 of the input side, the texture of small regions.</summary>
    Second = 2,

    /// <summary>The third stage: 256 channels at 1/16 of the input side, what larger regions look like.</summary>
    Third = 3,
}
