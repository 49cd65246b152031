using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class OpShapes
{
    /// <summary>Shape of <c>where(condition, x, y)</c>: the three shapes broadcast together.</summary>
    public static Shape Where(Shape condition, Shape x, Shape y)
    {
        try
        {
            return Broadcast(Broadcast(condition, x, "where"), y, "where");
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"where: condition {condition}, x {x} and y {y} cannot be broadcast together ({e.Message}).", e);
        }
    }
}
