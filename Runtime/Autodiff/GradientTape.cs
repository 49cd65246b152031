using System.Runtime.CompilerServices;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Autodiff;

/// <summary>Computes the gradients of an op's inputs from the gradient of its output (entries may be null: no gradient).</summary>
internal delegate Tensor?[] BackwardFunction(Tensor outputGradient);

/// <summary>
/// Reverse-mode automatic differentiation, as <c>tf.GradientTape</c>: ops executed while the tape is active are recorded when
/// one of their inputs is watched (trainable variables are watched automatically); <see cref="Gradient(Tensor, Tensor[])"/>
/// walks the record backwards. The tape is a scope (<c>using var tape = new GradientTape();</c>); a non-persistent tape
/// releases its recorded intermediates after the first <c>Gradient</c> call.
/// </summary>
public sealed class GradientTape : IDisposable
{
    [ThreadStatic] private static List<GradientTape>? t_active;
    [ThreadStatic] private static int t_pauseDepth;

    private readonly List<Node> _nodes = [];
    private readonly HashSet<Tensor> _tracked = new(ReferenceEqualityComparer.Instance);
    private readonly bool _persistent;
    private readonly bool _watchAccessedVariables;
    private bool _used;
    private bool _disposed;

    public GradientTape(bool persistent = false, bool watchAccessedVariables = true)
    {
        _persistent = persistent;
        _watchAccessedVariables = watchAccessedVariables;
        (t_active ??= []).Add(this);
    }

    /// <summary>Starts tracking <paramref name="tensors"/> so gradients with respect to them can be asked for.</summary>
    public void Watch(params Tensor[] tensors)
    {
        foreach (var t in tensors)
        {
            if (t.DType != DType.Float32)
                throw new ArgumentException($"GradientTape.Watch: only float32 tensors are differentiable; got {t.DType.KerasName()} with shape {t.Shape}.");
            _tracked.Add(t);
        }
    }

    /// <summary>Starts tracking variables (needed for non-trainable ones, or with watchAccessedVariables: false).</summary>
    public void Watch(params Variable[] variables)
    {
        foreach (var v in variables) Watch(v.Value);
    }

    /// <summary>Gradients of <paramref name="target"/> (summed if not scalar) with respect to each source; zeros for unconnected sources.</summary>
    public Tensor[] Gradient(Tensor target, params Tensor[] sources) => Gradient(target, sources, outputGradient: null);

    /// <summary>Gradients with respect to variables (their values).</summary>
    public Tensor[] Gradient(Tensor target, IReadOnlyList<Variable> sources)
    {
        var values = new Tensor[sources.Count];
        for (var i = 0; i < values.Length; i++) values[i] = sources[i].Value;
        return Gradient(target, values);
    }

    /// <summary>
    /// Gradients of <paramref name="target"/> with respect to <paramref name="sources"/>, seeded with
    /// <paramref name="outputGradient"/> (default: ones, i.e. the gradient of the sum of the target).
    /// </summary>
    public Tensor[] Gradient(Tensor target, Tensor[] sources, Tensor? outputGradient)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(sources);
        if (_used && !_persistent)
            throw new InvalidOperationException("A non-persistent GradientTape can compute gradients only once; create it with persistent: true to call Gradient again.");
        if (target.DType != DType.Float32)
            throw new ArgumentException($"GradientTape.Gradient: the target must be float32; got {target.DType.KerasName()}.", nameof(target));
        if (outputGradient is not null && outputGradient.Shape != target.Shape)
            throw new ArgumentException($"GradientTape.Gradient: outputGradient has shape {outputGradient.Shape}, expected the target's shape {target.Shape}.", nameof(outputGradient));
        _used = true;

        var grads = new Dictionary<Tensor, Tensor>(ReferenceEqualityComparer.Instance)
        {
            [target] = outputGradient ?? Tensor.Full(target.Shape, 1f),
        };

        t_pauseDepth++;
        try
        {
            for (var n = _nodes.Count - 1; n >= 0; n--)
            {
                var node = _nodes[n];
                if (!grads.TryGetValue(node.Output, out var upstream)) continue;
                var inputGrads = node.Backward(upstream);
                for (var i = 0; i < node.Inputs.Length; i++)
                {
                    var g = inputGrads[i];
                    var input = node.Inputs[i];
                    if (g is null || !_tracked.Contains(input)) continue;
                    if (g.Shape != input.Shape)
                        throw new InvalidOperationException($"Internal error: the backward of '{node.Name}' produced a gradient of shape {g.Shape} for an input of shape {input.Shape}.");
                    grads[input] = grads.TryGetValue(input, out var existing) ? Ops.Add(existing, g) : g;
                }
            }
        }
        finally
        {
            t_pauseDepth--;
        }

        var result = new Tensor[sources.Length];
        for (var i = 0; i < sources.Length; i++)
        {
            var s = sources[i] ?? throw new ArgumentNullException(nameof(sources), $"GradientTape.Gradient: source {i} is null.");
            result[i] = grads.TryGetValue(s, out var g) ? g : Tensor.Empty(s.Shape);
        }

        if (!_persistent) Release();
        return result;
    }

    /// <summary>Stops recording; the recorded operations stay available to <c>Gradient</c>.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        t_active?.Remove(this);
    }

    /// <summary>Number of recorded operations (diagnostics and tests).</summary>
    internal int RecordedCount => _nodes.Count;

    private void Release()
    {
        _nodes.Clear();
        _tracked.Clear();
    }

    /// <summary>True when some active tape would record an op with these inputs; ops skip building backward closures otherwise.</summary>
    internal static bool IsRecording(Tensor a)
    {
        var active = t_active;
        if (active is null || active.Count == 0 || t_pauseDepth > 0) return false;
        foreach (var tape in active)
        {
            if (tape.Tracks(a)) return true;
        }
        return false;
    }

    internal static bool IsRecording(Tensor a, Tensor b) => IsRecording(a) || IsRecording(b);

    internal static bool IsRecording(ReadOnlySpan<Tensor> inputs)
    {
        foreach (var t in inputs)
        {
            if (IsRecording(t)) return true;
        }
        return false;
    }

    /// <summary>Records <paramref name="output"/> = op(<paramref name="inputs"/>) on every active tape that tracks an input.</summary>
    internal static void Record(string name, Tensor output, Tensor[] inputs, BackwardFunction backward)
    {
        var active = t_active;
        if (active is null || t_pauseDepth > 0 || output.DType != DType.Float32) return;
        foreach (var tape in active)
        {
            var any = false;
            foreach (var input in inputs) any |= tape.Tracks(input);
            if (!any) continue;
            tape._nodes.Add(new Node(name, output, inputs, backward));
            tape._tracked.Add(output);
        }
    }

    /// <summary>Runs <paramref name="action"/> without recording (used by optimizers and metric updates).</summary>
    internal static T NoRecord<T>(Func<T> action)
    {
        t_pauseDepth++;
        try { return action(); }
        finally { t_pauseDepth--; }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Tracks(Tensor t)
    {
        if (_disposed || t.DType != DType.Float32) return false;
        if (_tracked.Contains(t)) return true;
        if (_watchAccessedVariables && t.Owner is { Trainable: true })
        {
            _tracked.Add(t);
            return true;
        }
        return false;
    }

    private sealed record Node(string Name, Tensor Output, Tensor[] Inputs, BackwardFunction Backward);
}
