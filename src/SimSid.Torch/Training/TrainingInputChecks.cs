namespace SimSid.Torch.Training;

/// <summary>
/// What can be checked about a run's inputs before its first step. Without these checks a run would
/// fail late: one training image after the last epoch, when the scores are calibrated; a validation set
/// of one class, or a checkpoint path that is a folder, after the first epoch.
/// </summary>
internal static class TrainingInputChecks
{
    /// <exception cref="ArgumentException">The training or validation images cannot finish a run.</exception>
    /// <exception cref="InvalidOperationException">The checkpoint path cannot be written.</exception>
    public static void Check(ImageCache trainingImages, int inputSize, LabeledImages? validation, ScoringOptions scoring, string? checkpointPath)
    {
        ArgumentNullException.ThrowIfNull(trainingImages);
        CheckSide(trainingImages, inputSize, nameof(trainingImages));
        if (trainingImages.Count == 0)
            throw new ArgumentException("The training set is empty: give at least two normal images.", nameof(trainingImages));
        if (trainingImages.Count == 1)
            throw new ArgumentException(
                "The training set has 1 image, but at least 2 are needed: after training, the scores are calibrated on the mean and " +
                "standard deviation of the training images' scores. Give more normal training images.", nameof(trainingImages));

        if (validation is not null)
        {
            int abnormal = validation.IsAbnormal.Count(a => a), normal = validation.IsAbnormal.Count - abnormal;
            if (normal + abnormal == 0)
                throw new ArgumentException(
                    "The validation set is empty: give normal and abnormal validation images, or train without a validation set.", nameof(validation));
            if (normal == 0 || abnormal == 0)
            {
                var (has, lacks) = normal == 0 ? ("abnormal", "normal") : ("normal", "abnormal");
                throw new ArgumentException(
                    $"The validation set has only {has} images ({normal + abnormal}): the validation AUC needs both normal and abnormal images. " +
                    $"Add {lacks} images to it, or train without a validation set.", nameof(validation));
            }
            validation.CheckImages(inputSize, nameof(validation));
        }

        if (scoring.Mode.UsesFeatureMemory() && FeatureMemoryUnavailable(scoring) is string why)
            throw new InvalidOperationException($"The model is to score in the {scoring.Mode.Describe()}, but {why}");

        if (checkpointPath is not null && Directory.Exists(checkpointPath))
            throw new InvalidOperationException(
                $"The checkpoint path \"{checkpointPath}\" is a folder: give a file path, such as \"{Path.Combine(checkpointPath, "checkpoint.simsid")}\".");
    }

    /// <exception cref="ArgumentException">The training images are of another side than the model's input.</exception>
    public static void CheckSide(ImageCache trainingImages, int inputSize, string paramName)
    {
        if (trainingImages.Side != inputSize)
            throw new ArgumentException(
                $"The training images are {trainingImages.Side}x{trainingImages.Side}, but this model takes {inputSize}x{inputSize} images: load them at that side.", paramName);
    }

    /// <summary>Why a model with these options would have no feature memory; null when it would have one.</summary>
    public static string? FeatureMemoryUnavailable(ScoringOptions scoring) =>
        !scoring.FeatureMemory ? "ScoringOptions.FeatureMemory is off."
        : !Pretrained.PretrainedResNet18.IsAvailable
            ? $"its pretrained ResNet-18 weights are not at \"{Pretrained.PretrainedResNet18.WeightsPath}\": set {Pretrained.PretrainedResNet18.WeightsVariable} " +
              "to the ResNet18.onnx of the Microsoft.ML.DnnImageFeaturizer.ResNet18 package, or choose another scoring mode."
            : null;
}
