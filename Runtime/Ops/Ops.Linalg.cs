using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Backend.Cpu;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class Ops
{
    /// <summary>Matrix product with NumPy's rules: 1-D operands are promoted, leading (batch) axes broadcast.</summary>
    public static Tensor MatMul(Tensor x, Tensor y)
    {
        RequireFloat(x, "matmul", "x");
        RequireFloat(y, "matmul", "y");
        var outShape = OpShapes.MatMul(x.Shape, y.Shape);
        var x2 = x.Rank == 1 ? x.WithShape(new Shape(1, x.Shape[0])) : x;
        var y2 = y.Rank == 1 ? y.WithShape(new Shape(y.Shape[0], 1)) : y;
        var z = MatMulCore(x2, false, y2, false).WithShape(outShape);
        if (GradientTape.IsRecording(x, y))
        {
            GradientTape.Record("matmul", z, [x, y], g =>
            {
                var g2 = g.WithShape(OpShapes.MatMul(x2.Shape, y2.Shape));
                var dx = SumTo(MatMulCore(g2, false, y2, true), x2.Shape).WithShape(x.Shape);
                var dy = SumTo(MatMulCore(x2, true, g2, false), y2.Shape).WithShape(y.Shape);
                return [dx, dy];
            });
        }
        return z;
    }

    /// <summary>op(a) @ op(b) for rank >= 2 operands, op transposing the last two axes; batch axes broadcast.</summary>
    internal static Tensor MatMulCore(Tensor a, bool transA, Tensor b, bool transB)
    {
        int ar = a.Shape[-2], ac = a.Shape[-1], br = b.Shape[-2], bc = b.Shape[-1];
        int m = transA ? ac : ar, k = transA ? ar : ac, n = transB ? br : bc;
        var kb = transB ? bc : br;
        if (k != kb)
            throw new ArgumentException($"matmul: inner dimensions differ ({k} vs {kb}) for shapes {a.Shape} and {b.Shape}.");
        var aBatch = new Shape(a.Shape.Dims[..^2]);
        var bBatch = new Shape(b.Shape.Dims[..^2]);
        var batch = OpShapes.Broadcast(aBatch, bBatch, "matmul (batch axes)");
        var outDims = batch.Dims.ToArray().Append(m).Append(n).ToArray();
        var c = Tensor.Empty(new Shape(outDims));
        if (c.Size == 0) return c;
        int lda = ac, ldb = bc;

        // One plain GEMM when b is a single matrix and a's batch folds into its rows.
        if (bBatch.Size == 1 && !transA && aBatch == batch)
        {
            Sgemm.Multiply(false, transB, aBatch.Size * m, n, k, 1f, a.AsSpan(), lda, b.AsSpan(), ldb, 0f, c.Floats, n);
            return c;
        }
        if (aBatch == batch && bBatch == batch)
        {
            Sgemm.MultiplyBatched(batch.Size, transA, transB, m, n, k, 1f,
                a.AsSpan(), lda, ar * ac, b.AsSpan(), ldb, br * bc, 0f, c.Floats, n, m * n);
            return c;
        }

        // General broadcast of batch axes: walk the output batch index.
        var batchRank = batch.Rank;
        var aStrides = BatchStrides(aBatch, batchRank, ar * ac);
        var bStrides = BatchStrides(bBatch, batchRank, br * bc);
        var index = new int[batchRank];
        for (var bi = 0; bi < batch.Size; bi++)
        {
            int aOff = 0, bOff = 0, rem = bi;
            for (var d = batchRank - 1; d >= 0; d--)
            {
                index[d] = rem % batch[d];
                rem /= batch[d];
                aOff += index[d] * aStrides[d];
                bOff += index[d] * bStrides[d];
            }
            Sgemm.Multiply(transA, transB, m, n, k, 1f, a.AsSpan()[aOff..], lda, b.AsSpan()[bOff..], ldb, 0f, c.Floats.Slice(bi * m * n, m * n), n);
        }
        return c;
    }

    private static int[] BatchStrides(Shape batch, int rank, int matrixSize)
    {
        var strides = new int[rank];
        var s = matrixSize;
        for (var i = rank - 1; i >= 0; i--)
        {
            var bi = i - (rank - batch.Rank);
            var dim = bi >= 0 ? batch[bi] : 1;
            strides[i] = dim == 1 ? 0 : s;
            s *= dim;
        }
        return strides;
    }
}
