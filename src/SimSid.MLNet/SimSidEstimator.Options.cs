using Microsoft.ML;
using SimSid.Torch;
using SimSid.Torch.Training;

namespace SimSid.MLNet;

public sealed partial class SimSidEstimator
{
    /// <summary>Options of <see cref="SimSidEstimator"/>.</summary>
    public sealed class Options
    {
        /// <summary>
        /// The image column: an <c>MLImage</c> column of any size and colour (e.g. from
        /// <c>mlContext.Transforms.LoadImages</c>), prepared inside the plugin exactly as the
        /// <c>simsid</c> CLI and trainer prepare an image file (BT.601 luma, then the PIL-exact bicubic
        /// resize to the preset's image size); or a vector of image-size² Single
        /// row-major grayscale pixels (e.g. from <c>ExtractPixels</c> on a grayscale image with one
        /// colour extracted) in the range <see cref="PixelRange"/> names.
        /// </summary>
        public string InputColumnName = SimSidCatalog.DefaultInputColumnName;

        /// <summary>
        /// Range of the pixel values of a vector input column. Defaults to [0, 1]; a value outside the
        /// range stops training or scoring with an error naming the row.
        /// </summary>
        public SimSidPixelRange PixelRange = SimSidPixelRange.ZeroToOne;

        /// <summary>
        /// Boolean label column (true = anomalous). When the data has it, the training set is composed from the
        /// labelled rows by the positive ratio (<see cref="TrainingOptions.PositiveRatio"/>): at 1 only rows labelled
        /// false (normal) are trained on; below 1 (the <c>chexpert</c> and <c>covidx</c> presets) the first rows
        /// labelled true are mixed in. <see cref="TrainOnAllRows"/> ignores it; data without it is used whole.
        /// </summary>
        public string LabelColumnName = SimSidCatalog.DefaultLabelColumnName;

        /// <summary>Train on every row and ignore the label column (the positive ratio then does not apply).</summary>
        public bool TrainOnAllRows;

        /// <summary>Name of the added Single anomaly score column; higher = more anomalous.</summary>
        public string ScoreColumnName = SimSidCatalog.DefaultScoreColumnName;

        /// <summary>Name of the added Boolean column: true when the score reaches the model's threshold (score &gt;= threshold).</summary>
        public string PredictedLabelColumnName = SimSidCatalog.DefaultPredictedLabelColumnName;

        /// <summary>
        /// Name of an added column holding the model's reconstruction of each image (a vector of
        /// image-size² pixels in [0, 1]); null (the default) for none.
        /// </summary>
        public string? ReconstructionColumnName;

        /// <summary>
        /// Name of an added column holding each image's per-pixel anomaly map, the signal its score is read
        /// from (a vector of image-size² values, larger = more anomalous; see <see cref="SimSidModel.ScoreInDetail"/>);
        /// null (the default) for none.
        /// </summary>
        public string? AnomalyMapColumnName;

        /// <summary>
        /// Name of the SimSID preset the model is built and trained with: <c>cpu</c> (the CPU recipe),
        /// <c>zhang</c> (the paper's ZhangLab configuration), <c>chexpert</c>, <c>covidx</c>, <c>small</c> or
        /// <c>tiny</c>; null (the default) for the recipe of the device: <c>cpu</c> on a CPU, <c>zhang</c> on
        /// a CUDA device (see <see cref="SimSidPresets.ForDevice"/>; the choice is logged). The preset fixes
        /// the image size (64 for cpu, 128 for the paper's).
        /// </summary>
        public string? Preset;

        /// <summary>
        /// Every SimSID hyperparameter, for full control; when set, <see cref="Preset"/> is ignored and
        /// only the overrides below still apply.
        /// </summary>
        public SimSidOptions? ModelOptions;

        /// <summary>
        /// Training epochs, trained whatever the number of rows; null for the preset's number, which the <c>cpu</c> recipe
        /// cuts on a large training set (at most 1,500 steps, <see cref="SimSid.Torch.TrainingOptions.MaxSteps"/>).
        /// </summary>
        public int? Epochs;

        /// <summary>Training batch size; null for the preset's.</summary>
        public int? BatchSize;

        /// <summary>Random seed of the training run; null for the preset's (0).</summary>
        public int? Seed;

        /// <summary>Compute device, "cpu", "cuda" or "cuda:N"; null for the preset's ("cpu").</summary>
        public string? Device;

        /// <summary>
        /// How the Score column is computed; null for the preset's: the paper's discriminator score
        /// (<see cref="ScoringMode.Paper"/>) for the paper's presets; for <c>cpu</c> the mode of the best validation AUC on
        /// <see cref="ValidationData"/> (or on the rows <see cref="LendValidationRows"/> lends), or the focal-and-diffuse score
        /// (<see cref="ScoringMode.FocalAndDiffuse"/>) without any. Setting it turns that choice off.
        /// </summary>
        public ScoringMode? Scoring;

        /// <summary>
        /// Labelled validation rows (the same image column and the Boolean label column, both classes): the
        /// validation ROC-AUC is computed every epoch, the best epoch is kept (as the preset says), the decision
        /// threshold is the best-F1 one on these rows, and the <c>cpu</c> preset chooses its scoring mode on
        /// them. Rows short of <see cref="SimSid.Torch.Training.ValidationLending.ImagesPerClass"/> of a class, even of every
        /// row of a class, are topped up from the training rows when the preset chooses its mode (see
        /// <see cref="LendValidationRows"/>). Null (the default): none of that, unless <see cref="LendValidationRows"/> makes
        /// validation rows of the training data; without any, the threshold is a quantile of the training scores.
        /// </summary>
        public IDataView? ValidationData;

        /// <summary>
        /// When the preset chooses its scoring mode on validation rows (<c>cpu</c>) and the training rows hold rows labelled
        /// anomalous (which a training set of normal rows never uses), bring the validation rows up to 100 of each class
        /// with rows of the training data: the anomalous rows and up to a tenth of the normal ones, which then leave the
        /// training set, evenly spaced (as <c>simsid train</c> lends them; see <see cref="SimSid.Torch.Training.ValidationLending"/>).
        /// Without <see cref="ValidationData"/> those rows are the validation rows. True by default; false trains on every
        /// normal row and validates on <see cref="ValidationData"/> as it is.
        /// </summary>
        public bool LendValidationRows = true;

        /// <summary>
        /// The most memory the training images take while training, in bytes, and the <see cref="ValidationData"/> images
        /// again: they are held as 8-bit, and rows beyond this budget wait in a temporary file (see <see cref="ImageCache"/>).
        /// Only the rows of the training set are read.
        /// </summary>
        public long ImageCacheBytes = ImageCache.DefaultMemoryBudgetBytes;

        /// <summary>Rows scored per call into the model when transforming data.</summary>
        public int ScoringBatchSize = 16;

        /// <summary>
        /// Called after every training epoch, on the training thread. The same progress is also logged
        /// to <c>MLContext.Log</c>.
        /// </summary>
        public Action<SimSidTrainingProgress>? ProgressCallback;

        /// <summary>
        /// Called, on the training thread, as training starts work between its epochs that can take a minute or more (the
        /// feature memory describing its remembered images, every score measured on the validation rows), with what it
        /// does in words; <see cref="ProgressCallback"/> reports the epochs only. The same is logged to <c>MLContext.Log</c>.
        /// </summary>
        public Action<string>? StageCallback;

        /// <summary>Stops training with <see cref="OperationCanceledException"/> when cancelled.</summary>
        public CancellationToken CancellationToken;

        /// <summary>The SimSID options these settings describe: the preset (or <see cref="ModelOptions"/>) with the overrides applied.</summary>
        /// <exception cref="ArgumentException">The preset is unknown or the resulting options are invalid.</exception>
        public SimSidOptions ResolveModelOptions()
        {
            var options = ModelOptions ?? (Preset is null ? SimSidPresets.ForDevice(Device ?? ComputeDevice.Best) : SimSidPresets.Get(Preset));
            options = options with
            {
                Seed = Seed ?? options.Seed,
                Device = Device ?? options.Device,
                Training = options.Training with
                {
                    Epochs = Epochs ?? options.Training.Epochs,
                    // Epochs named are trained whatever the training set's size.
                    MaxSteps = Epochs is null ? options.Training.MaxSteps : null,
                    BatchSize = BatchSize ?? options.Training.BatchSize,
                },
                Scoring = Scoring is { } mode ? options.Scoring with { Mode = mode, ChooseModeOnValidation = false } : options.Scoring,
            };
            return options.Validate();
        }
    }
}
