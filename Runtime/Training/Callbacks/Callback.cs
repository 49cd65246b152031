using NotebookKeras.Runtime.Models;

namespace NotebookKeras.Runtime.Training.Callbacks;

/// <summary>
/// Code that runs at the points of training, evaluation and prediction (Keras's <c>keras.callbacks.Callback</c>): override the
/// hooks you need. <see cref="Model"/> is the model being trained; set <c>Model.StopTraining = true</c> to end <c>Fit</c> after
/// the current batch or epoch. Logs map names to values ("loss", "accuracy", "val_loss", ...); epoch-end hooks may add entries
/// (e.g. "learning_rate"), which the <see cref="History"/> then records.
/// </summary>
public abstract class Callback
{
    /// <summary>The model this callback is attached to (set by Fit, Evaluate and Predict).</summary>
    public Model? Model { get; private set; }

    /// <summary>The run's parameters: verbosity, epochs, steps per epoch.</summary>
    public TrainingParams? Params { get; private set; }

    /// <summary>Attaches the callback to <paramref name="model"/> (Keras's <c>set_model</c>).</summary>
    public virtual void SetModel(Model model) => Model = model;

    /// <summary>Receives the run's parameters (Keras's <c>set_params</c>).</summary>
    public virtual void SetParams(TrainingParams parameters) => Params = parameters;

    public virtual void OnTrainBegin(IDictionary<string, double> logs) { }

    public virtual void OnTrainEnd(IDictionary<string, double> logs) { }

    /// <summary>At the start of epoch <paramref name="epoch"/> (0-based, as in Keras).</summary>
    public virtual void OnEpochBegin(int epoch, IDictionary<string, double> logs) { }

    /// <summary>At the end of an epoch: logs hold the epoch's training results and, when validation ran, the "val_" ones.</summary>
    public virtual void OnEpochEnd(int epoch, IDictionary<string, double> logs) { }

    public virtual void OnTrainBatchBegin(int batch, IDictionary<string, double> logs) { }

    /// <summary>After a training step: logs hold the running results of the epoch so far.</summary>
    public virtual void OnTrainBatchEnd(int batch, IDictionary<string, double> logs) { }

    public virtual void OnTestBegin(IDictionary<string, double> logs) { }

    public virtual void OnTestEnd(IDictionary<string, double> logs) { }

    public virtual void OnTestBatchBegin(int batch, IDictionary<string, double> logs) { }

    public virtual void OnTestBatchEnd(int batch, IDictionary<string, double> logs) { }

    public virtual void OnPredictBegin(IDictionary<string, double> logs) { }

    public virtual void OnPredictEnd(IDictionary<string, double> logs) { }

    public virtual void OnPredictBatchBegin(int batch, IDictionary<string, double> logs) { }

    public virtual void OnPredictBatchEnd(int batch, IDictionary<string, double> logs) { }

    private static TextWriter? s_output;

    /// <summary>Where callbacks' messages go ("Epoch 5: early stopping", ...): the console unless a host redirects them.</summary>
    public static TextWriter Output
    {
        get => s_output ?? Console.Out;
        set => s_output = value;
    }

    /// <summary>Writes a message line to <see cref="Output"/>.</summary>
    private protected static void Print(string message) => Output.WriteLine(message);

    /// <summary>The model, or an error naming the callback when it is used outside Fit/Evaluate/Predict.</summary>
    private protected Model RequireModel() =>
        Model ?? throw new InvalidOperationException($"{GetType().Name}: the callback is not attached to a model; pass it to Fit, Evaluate or Predict.");
}
