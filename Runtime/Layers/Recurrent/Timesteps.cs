using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Recurrent;

/// <summary>
/// Cuts a (batch, timesteps, features) sequence into its timesteps, differentiably, with a backward linear in the sequence size.
/// Slicing each step with <see cref="Ops.Slice"/> would pad every step's gradient to the whole sequence (quadratic in the number
/// of timesteps when the sequence is itself recorded, e.g. an Embedding's output); here the steps' gradients are written into one
/// shared buffer instead.
/// </summary>
internal static class Timesteps
{
    public static Tensor[] Unstack(Tensor x)
    {
        var (batch, timesteps, features) = (x.Shape[0], x.Shape[1], x.Shape[2]);
        var recording = GradientTape.IsRecording(x);
        // A private view of x is the steps' only input, so the tape gives its gradient exactly the buffer the steps fill.
        var hub = recording ? x.WithShape(x.Shape) : x;
        var source = x.AsSpan();
        var steps = new Tensor[timesteps];
        for (var t = 0; t < timesteps; t++)
        {
            var step = Tensor.Empty(new Shape(batch, features));
            var target = step.Floats;
            for (var b = 0; b < batch; b++) source.Slice((b * timesteps + t) * features, features).CopyTo(target.Slice(b * features, features));
            steps[t] = step;
        }
        if (!recording) return steps;

        Tensor? gradient = null;
        // Recorded before the steps, so the tape runs it after all of theirs, when the buffer is complete.
        GradientTape.Record("unstack", hub, [x], g =>
        {
            gradient = null; // a persistent tape's next Gradient starts a new buffer
            return [g];
        });
        for (var t = 0; t < timesteps; t++)
        {
            var time = t;
            GradientTape.Record("unstack_step", steps[t], [hub], g =>
            {
                var first = gradient is null;
                gradient ??= Tensor.Empty(x.Shape);
                var upstream = g.AsSpan();
                var buffer = gradient.Floats;
                for (var b = 0; b < batch; b++)
                    upstream.Slice(b * features, features).CopyTo(buffer.Slice((b * timesteps + time) * features, features));
                // The first step hands the buffer to the tape; the others fill it in place.
                return [first ? gradient : null];
            });
        }
        return steps;
    }
}
