using System.Buffers;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Backend.Cpu;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class Ops
{
    /// <summary>
    /// A whole LSTM sequence with tanh / sigmoid activations (Keras's defaults), as one tape node: x (batch, timesteps,
    /// features), states h0, c0 (batch, units), kernel (features, 4·units), recurrent kernel (units, 4·units), bias (4·units,)
    /// or null, gates i, f, c, o. <paramref name="keep"/> is the (batch, timesteps) mask as 0/1 or null. Returns the output
    /// ((batch, timesteps, units) with <paramref name="returnSequences"/>, else (batch, units)), then the final h and c.
    /// </summary>
    internal static Tensor[] LstmSequence(Tensor x, Tensor h0, Tensor c0, Tensor kernel, Tensor recurrentKernel, Tensor? bias, float[]? keep,
        bool goBackwards, bool returnSequences, bool zeroOutputForMask)
    {
        var s = Sequence(x, recurrentKernel, keep, goBackwards, returnSequences, zeroOutputForMask);
        var (rows, u) = (s.Rows, s.Units);
        Tensor[] inputs = bias is null ? [x, h0, c0, kernel, recurrentKernel] : [x, h0, c0, kernel, recurrentKernel, bias];
        var recording = GradientTape.IsRecording(inputs);
        // Saved for the backward pass: gates (4 per unit), then h, c and tanh(c) per unit, for every row.
        var savedLength = 7 * rows * u;
        var saved = recording ? new float[savedLength] : ArrayPool<float>.Shared.Rent(savedLength);
        Backend.Cpu.LstmSequence.Saved Views() => new(saved.AsSpan(0, 4 * rows * u), saved.AsSpan(4 * rows * u, rows * u),
            saved.AsSpan(5 * rows * u, rows * u), saved.AsSpan(6 * rows * u, rows * u));
        try
        {
            return SequenceNode("lstm_sequence", [OutputShape(s), new Shape(s.Batch, u), new Shape(s.Batch, u)], inputs, recording,
                outputs => Backend.Cpu.LstmSequence.Forward(s, x.AsSpan(), kernel.AsSpan(), recurrentKernel.AsSpan(), bias is null ? default : bias.AsSpan(),
                    keep, h0.AsSpan(), c0.AsSpan(), Views(), outputs[0].Floats, outputs[1].Floats, outputs[2].Floats),
                (upstream, grads) =>
                {
                    var dGates = ArrayPool<float>.Shared.Rent(4 * rows * u);
                    try
                    {
                        Backend.Cpu.LstmSequence.Backward(s, x.AsSpan(), kernel.AsSpan(), recurrentKernel.AsSpan(), keep, Views(),
                            Span(upstream[0]), Span(upstream[1]), Span(upstream[2]), dGates.AsSpan(0, 4 * rows * u),
                            Span(grads[0]), Span(grads[1]), Span(grads[2]), Span(grads[3]), Span(grads[4]), grads.Length > 5 ? Span(grads[5]) : default);
                    }
                    finally
                    {
                        ArrayPool<float>.Shared.Return(dGates);
                    }
                });
        }
        finally
        {
            if (!recording) ArrayPool<float>.Shared.Return(saved);
        }
    }

    /// <summary>
    /// A whole GRU sequence with tanh / sigmoid activations (Keras's defaults), as one tape node: x (batch, timesteps, features),
    /// h0 (batch, units), kernel (features, 3·units), recurrent kernel (units, 3·units), gates z, r, h; bias (2, 3·units) (input
    /// and recurrent biases) with <paramref name="resetAfter"/>, else (3·units,), or null. <paramref name="keep"/> is the (batch,
    /// timesteps) mask as 0/1 or null. Returns the output ((batch, timesteps, units) with <paramref name="returnSequences"/>, else
    /// (batch, units)), then the final h.
    /// </summary>
    internal static Tensor[] GruSequence(Tensor x, Tensor h0, Tensor kernel, Tensor recurrentKernel, Tensor? bias, bool resetAfter, float[]? keep,
        bool goBackwards, bool returnSequences, bool zeroOutputForMask)
    {
        var s = Sequence(x, recurrentKernel, keep, goBackwards, returnSequences, zeroOutputForMask);
        var (rows, u, width) = (s.Rows, s.Units, 3 * s.Units);
        Tensor[] inputs = bias is null ? [x, h0, kernel, recurrentKernel] : [x, h0, kernel, recurrentKernel, bias];
        var recording = GradientTape.IsRecording(inputs);
        // Saved for the backward pass: the gates (3 per unit), then h and the reset part per unit, for every row.
        var savedLength = 5 * rows * u;
        var saved = recording ? new float[savedLength] : ArrayPool<float>.Shared.Rent(savedLength);
        Backend.Cpu.GruSequence.Saved Views() => new(saved.AsSpan(0, rows * width), saved.AsSpan(rows * width, rows * u), saved.AsSpan(4 * rows * u, rows * u));
        ReadOnlySpan<float> Bias(int part) => bias is null || (part == 1 && !resetAfter) ? default : bias.AsSpan().Slice(part * width, width);
        try
        {
            return SequenceNode("gru_sequence", [OutputShape(s), new Shape(s.Batch, u)], inputs, recording,
                outputs => Backend.Cpu.GruSequence.Forward(s, resetAfter, x.AsSpan(), kernel.AsSpan(), recurrentKernel.AsSpan(), Bias(0), Bias(1),
                    keep, h0.AsSpan(), Views(), outputs[0].Floats, outputs[1].Floats),
                (upstream, grads) =>
                {
                    var scratch = ArrayPool<float>.Shared.Rent(2 * rows * width);
                    try
                    {
                        var dBias = grads.Length > 4 ? Span(grads[4]) : default;
                        Backend.Cpu.GruSequence.Backward(s, resetAfter, x.AsSpan(), kernel.AsSpan(), recurrentKernel.AsSpan(), keep, Views(),
                            Span(upstream[0]), Span(upstream[1]), scratch.AsSpan(0, rows * width), scratch.AsSpan(rows * width, rows * width),
                            Span(grads[0]), Span(grads[1]), Span(grads[2]), Span(grads[3]),
                            dBias.IsEmpty ? default : dBias[..width], dBias.IsEmpty || !resetAfter ? default : dBias[width..]);
                    }
                    finally
                    {
                        ArrayPool<float>.Shared.Return(scratch);
                    }
                });
        }
        finally
        {
            if (!recording) ArrayPool<float>.Shared.Return(saved);
        }
    }

    private static RecurrentSequence Sequence(Tensor x, Tensor recurrentKernel, float[]? keep, bool goBackwards, bool returnSequences, bool zeroOutputForMask)
    {
        RequireFloat(x, "recurrent sequence");
        if (x.Rank != 3 || x.Shape[1] == 0)
            throw new ArgumentException($"recurrent sequence: x must be (batch, timesteps > 0, features), got {x.Shape}.", nameof(x));
        var s = new RecurrentSequence(x.Shape[0], x.Shape[1], x.Shape[2], recurrentKernel.Shape[0], goBackwards, returnSequences, zeroOutputForMask);
        if (keep is not null && keep.Length != s.Rows)
            throw new ArgumentException($"recurrent sequence: the mask must hold batch·timesteps = {s.Rows} values, got {keep.Length}.", nameof(keep));
        return s;
    }

    private static Shape OutputShape(in RecurrentSequence s) =>
        s.ReturnSequences ? new Shape(s.Batch, s.Timesteps, s.Units) : new Shape(s.Batch, s.Units);

    private static Span<float> Span(Tensor? t) => t is null ? default : t.Floats;

    /// <summary>
    /// Runs a multi-output op recorded as one tape node. The outputs share one storage, which a hub tensor spans; the op's node
    /// maps the hub to the inputs, and one light node per output writes that output's gradient into the hub's gradient (as
    /// <c>Timesteps.Unstack</c> does), so the backward runs once with the gradients of all outputs.
    /// <paramref name="backward"/> gets the outputs' gradients (null: none) and fills the gradients it is given (null: not needed) for the inputs.
    /// </summary>
    private static Tensor[] SequenceNode(string name, Shape[] shapes, Tensor[] inputs, bool recording,
        Action<Tensor[]> forward, Action<Tensor?[], Tensor?[]> backward)
    {
        var offsets = new int[shapes.Length + 1];
        for (var i = 0; i < shapes.Length; i++) offsets[i + 1] = offsets[i] + shapes[i].Size;
        var storage = new float[offsets[^1]];
        var outputs = new Tensor[shapes.Length];
        for (var i = 0; i < shapes.Length; i++) outputs[i] = new Tensor(shapes[i], storage, offsets[i]);
        forward(outputs);
        if (!recording) return outputs;

        var hub = new Tensor(new Shape(storage.Length), storage);
        var needed = inputs.Select(GradientTape.IsRecording).ToArray();
        Tensor? gradient = null;
        var received = new bool[shapes.Length];
        GradientTape.Record(name, hub, inputs, g =>
        {
            var upstream = new Tensor?[shapes.Length];
            for (var i = 0; i < shapes.Length; i++) upstream[i] = received[i] ? new Tensor(shapes[i], g.FloatStorage!, g.Offset + offsets[i]) : null;
            gradient = null; // a persistent tape's next Gradient starts a new buffer
            Array.Clear(received);
            var grads = inputs.Select((input, i) => needed[i] ? Tensor.Empty(input.Shape) : null).ToArray();
            backward(upstream, grads);
            return grads;
        });
        for (var i = 0; i < shapes.Length; i++)
        {
            var index = i;
            GradientTape.Record($"{name}_output", outputs[i], [hub], g =>
            {
                var first = gradient is null;
                gradient ??= Tensor.Empty(hub.Shape);
                g.AsSpan().CopyTo(gradient.Floats[offsets[index]..offsets[index + 1]]);
                received[index] = true;
                // The first output hands the buffer to the tape; the others fill it in place.
                return [first ? gradient : null];
            });
        }
        return outputs;
    }
}
