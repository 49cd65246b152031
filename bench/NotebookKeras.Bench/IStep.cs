namespace NotebookKeras.Bench;

/// <summary>One framework's timed unit of work (one matmul, later one training step), set up and ready to repeat.</summary>
internal interface IStep : IDisposable
{
    void Run();
}
