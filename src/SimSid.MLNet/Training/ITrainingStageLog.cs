namespace SimSid.MLNet.Training;

/// <summary>Takes what a training run does between its epochs (a minute or more, such as the feature memory describing its remembered images), in words.</summary>
internal interface ITrainingStageLog
{
    /// <summary>Logs <paramref name="stage"/>.</summary>
    void Stage(string stage);
}
