using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Tensors;
using static NotebookKeras.Dsl.Keras;

namespace NotebookKeras.Dsl.Tests;

public class ModelsDslTests
{
    [Fact]
    public void SequentialReadsLikeKeras()
    {
        var model = Sequential(Input([784]))
            .Add(Dense(512, activation: "relu", kernelInitializer: "he_normal"))
            .Add(Dense(512, activation: "relu", kernelRegularizer: "l2"))
            .Add(Dense(10, activation: "softmax", kernelConstraint: "max_norm"));
        Assert.Equal(669_706, model.CountParams());
        Assert.Contains("(None, 10)", model.Summary());
        var probabilities = model.Apply(Zeros(2, 784));
        Assert.Equal(new Shape(2, 10), probabilities.Shape);
        Assert.Single(model.Layers[1].Losses);
    }

    [Fact]
    public void FunctionalApplicationReadsNaturally()
    {
        var inputs = Input([16], name: "features");
        var h = Dense(8, activation: "relu").Apply(inputs);
        var outputs = Dense(1, activation: "sigmoid").Apply(h);
        Functional model = Model(inputs, outputs, name: "scorer");
        Assert.Equal("scorer", model.Name);
        Assert.Equal(["features"], model.InputNames);
        Assert.Equal(new Shape(3, 1), model.Apply(Ones(3, 16)).Shape);
        var extractor = Model(model.Inputs, model.GetLayer(1).Output);
        Assert.Equal(new Shape(3, 8), extractor.Apply(Ones(3, 16)).Shape);
    }

    [Fact]
    public void ClearSessionRestartsAutomaticNames()
    {
        ClearSession();
        var first = Dense(1);
        ClearSession();
        var again = Dense(1);
        Assert.Equal(first.Name, again.Name);
    }

    [Fact]
    public void CatalogueObjectsComeFromNestedFactories()
    {
        var dense = Dense(4, kernelInitializer: Initializers.HeNormal(seed: 3), kernelRegularizer: Regularizers.L2(1e-4f), kernelConstraint: Constraints.MaxNorm(3));
        dense.Apply(Ones(2, 5));
        Assert.Equal("HeNormal", dense.KernelInitializer.ClassName);
        Assert.Single(dense.Losses);
        var again = Dense(4, kernelInitializer: Initializers.HeNormal(seed: 3));
        again.Apply(Ones(2, 5));
        Assert.Equal(dense.Kernel!.Value.ToArray(), again.Kernel!.Value.ToArray());
    }
}
