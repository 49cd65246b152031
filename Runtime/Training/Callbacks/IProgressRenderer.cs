namespace NotebookKeras.Runtime.Training.Callbacks;

/// <summary>
/// Shows the progress that <see cref="ProgbarLogger"/> reports. The default writes Keras's text lines to a terminal
/// (<see cref="TextProgressRenderer"/>); a notebook host installs one that draws a live widget, through
/// <see cref="ProgbarLogger.RendererFactory"/>.
/// </summary>
public interface IProgressRenderer
{
    /// <summary>A line of text ("Epoch 3/10", a callback's message).</summary>
    void Message(string text);

    /// <summary>Progress within a pass; called at most about 10 times a second.</summary>
    void Update(ProgressState state);

    /// <summary>The end of a pass (an epoch, an evaluation, a prediction), with its final values.</summary>
    void Finish(ProgressState state);
}
