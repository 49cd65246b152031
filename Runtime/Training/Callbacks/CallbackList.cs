using NotebookKeras.Runtime.Models;

namespace NotebookKeras.Runtime.Training.Callbacks;

/// <summary>
/// The callbacks of one run, called in order (Keras's <c>CallbackList</c>): a <see cref="ProgbarLogger"/> first when progress is
/// shown, the user's callbacks, then a <see cref="History"/> last, so it records what the others added to the epoch logs.
/// </summary>
internal sealed class CallbackList
{
    private readonly List<Callback> _callbacks;

    public CallbackList(IEnumerable<Callback>? callbacks, bool addHistory, bool addProgbar, Model model, TrainingParams parameters)
    {
        _callbacks = callbacks?.Select((c, i) => c ?? throw new ArgumentNullException(nameof(callbacks), $"Callback {i} is null.")).ToList() ?? [];
        History = _callbacks.OfType<History>().FirstOrDefault();
        if (History is null && addHistory)
        {
            History = new History();
            _callbacks.Add(History);
        }
        if (addProgbar && !_callbacks.OfType<ProgbarLogger>().Any()) _callbacks.Insert(0, new ProgbarLogger());
        foreach (var c in _callbacks)
        {
            c.SetModel(model);
            c.SetParams(parameters);
        }
    }

    public History? History { get; }

    public void OnTrainBegin(IDictionary<string, double> logs) => Each(c => c.OnTrainBegin(logs));

    public void OnTrainEnd(IDictionary<string, double> logs) => Each(c => c.OnTrainEnd(logs));

    public void OnEpochBegin(int epoch) => Each(c => c.OnEpochBegin(epoch, new Dictionary<string, double>()));

    public void OnEpochEnd(int epoch, IDictionary<string, double> logs) => Each(c => c.OnEpochEnd(epoch, logs));

    public void OnTrainBatchBegin(int batch) => Each(c => c.OnTrainBatchBegin(batch, new Dictionary<string, double>()));

    public void OnTrainBatchEnd(int batch, IDictionary<string, double> logs) => Each(c => c.OnTrainBatchEnd(batch, logs));

    public void OnTestBegin() => Each(c => c.OnTestBegin(new Dictionary<string, double>()));

    public void OnTestEnd(IDictionary<string, double> logs) => Each(c => c.OnTestEnd(logs));

    public void OnTestBatchBegin(int batch) => Each(c => c.OnTestBatchBegin(batch, new Dictionary<string, double>()));

    public void OnTestBatchEnd(int batch, IDictionary<string, double> logs) => Each(c => c.OnTestBatchEnd(batch, logs));

    public void OnPredictBegin() => Each(c => c.OnPredictBegin(new Dictionary<string, double>()));

    public void OnPredictEnd() => Each(c => c.OnPredictEnd(new Dictionary<string, double>()));

    public void OnPredictBatchBegin(int batch) => Each(c => c.OnPredictBatchBegin(batch, new Dictionary<string, double>()));

    public void OnPredictBatchEnd(int batch) => Each(c => c.OnPredictBatchEnd(batch, new Dictionary<string, double>()));

    private void Each(Action<Callback> hook)
    {
        foreach (var c in _callbacks) hook(c);
    }
}
