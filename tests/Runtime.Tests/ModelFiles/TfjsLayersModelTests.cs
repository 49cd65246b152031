using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Saving.Tfjs;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.ModelFiles;

/// <summary>Models saved by TensorFlow.js load and reproduce TensorFlow.js's predictions.</summary>
public sealed class TfjsLayersModelTests
{
    public static TheoryData<string> Models => new(TfjsFixtures.Models);

    [Theory]
    [MemberData(nameof(Models))]
    public void PredictsAsTensorFlowJs(string name)
    {
        var model = TfjsLayersModel.Load(TfjsFixtures.ModelJson(name));
        AssertPredictsAsTfjs(name, model);
    }

    internal static void AssertPredictsAsTfjs(string name, Model model)
    {
        var outputs = model.PredictMany(TfjsFixtures.Inputs(name), verbose: 0);
        var expected = TfjsFixtures.Outputs(name);
        Assert.Equal(expected.Length, outputs.Count);
        for (var i = 0; i < expected.Length; i++) TensorAssert.Close(expected[i], outputs[i], 1e-5f, 1e-5f, $"{name} output {i}");
    }
}
