using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Optimizers;
using NotebookKeras.Runtime.Optimizers.Schedules;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Optimizers;

public class OptimizerTests
{
    public static IEnumerable<object[]> Configured =>
    [
        [new SGD(0.05, momentum: 0.9f, nesterov: true, weightDecay: 0.01f, name: "my_sgd")],
        [new Adam(0.002, beta1: 0.8f, beta2: 0.99f, epsilon: 1e-6f, amsgrad: true, clipnorm: 1f)],
        [new AdamW(0.003, weightDecay: 0.01f, amsgrad: true, globalClipnorm: 2f)],
        [new RMSprop(0.01, rho: 0.8f, momentum: 0.5f, epsilon: 1e-5f, centered: true, clipvalue: 0.5f)],
        [new Adagrad(0.1, initialAccumulatorValue: 0.2f, epsilon: 1e-6f, useEma: true, emaMomentum: 0.9f, emaOverwriteFrequency: 5)],
        [new Adadelta(1.0, rho: 0.9f, epsilon: 1e-6f)],
        [new Adamax(0.002, beta1: 0.8f, beta2: 0.99f, epsilon: 1e-6f)],
        [new Nadam(0.002, beta1: 0.8f, beta2: 0.99f, epsilon: 1e-6f)],
        [new Lion(1e-4, beta1: 0.95f, beta2: 0.98f, weightDecay: 0.1f)],
        [new SGD(new ExponentialDecay(0.1f, 100, 0.9f, staircase: true))],
        [new Adam(new PiecewiseConstantDecay([10, 20], [0.1f, 0.01f, 0.001f]))],
        [new RMSprop(new InverseTimeDecay(0.1f, 10, 0.5f))],
        [new Nadam(new PolynomialDecay(0.1f, 100, 0.001f, power: 2f, cycle: true))],
        [new AdamW(new CosineDecay(0f, 100, alpha: 0.1f, warmupTarget: 0.01f, warmupSteps: 10))],
        [new Lion(new CosineDecayRestarts(0.01f, 50, tMul: 1.5f, mMul: 0.9f, alpha: 0.01f))],
    ];

    [Theory]
    [MemberData(nameof(Configured))]
    public void ConfigRoundTrips(BaseOptimizer optimizer)
    {
        var back = (BaseOptimizer)KerasConfigAssert.RoundTrips<Optimizer>(optimizer);
        Assert.Equal(optimizer.Name, back.Name);
        Assert.Equal(optimizer.LearningRate, back.LearningRate);
        Assert.Equal(optimizer.Schedule?.GetType(), back.Schedule?.GetType());
    }

    [Fact]
    public void ConfigHasKeras3KeysInKerasOrder()
    {
        var config = new Adam().GetConfig();
        Assert.Equal(
            ["name", "learning_rate", "weight_decay", "clipnorm", "global_clipnorm", "clipvalue", "use_ema", "ema_momentum",
             "ema_overwrite_frequency", "loss_scale_factor", "gradient_accumulation_steps", "beta_1", "beta_2", "epsilon", "amsgrad"],
            config.Select(kv => kv.Key).ToArray());
        Assert.Equal("adam", (string?)config["name"]);
        Assert.Equal(0.001f, (float)config["learning_rate"]!);
        Assert.Null(config["weight_decay"]);
        var schedule = new SGD(new ExponentialDecay(0.1f, 1000, 0.96f)).GetConfig()["learning_rate"]!;
        Assert.Equal("keras.optimizers.schedules", (string?)schedule["module"]);
        Assert.Equal("ExponentialDecay", (string?)schedule["class_name"]);
        Assert.Equal(1000, (int)schedule["config"]!["decay_steps"]!);
    }

    [Fact]
    public void ReadsConfigsWrittenByKeras3()
    {
        // As keras.optimizers.serialize(Adam(amsgrad=True, clipnorm=1.0)) and SGD(schedule) write them: float32 rates in double.
        var adam = Optimizer.Get((object)Parse("""
            {"module": "keras.optimizers", "class_name": "Adam", "config": {"name": "adam", "learning_rate": 0.0010000000474974513,
             "weight_decay": null, "clipnorm": 1.0, "global_clipnorm": null, "clipvalue": null, "use_ema": false, "ema_momentum": 0.99,
             "ema_overwrite_frequency": null, "loss_scale_factor": null, "gradient_accumulation_steps": null, "beta_1": 0.9,
             "beta_2": 0.999, "epsilon": 1e-07, "amsgrad": true}, "registered_name": null}
            """));
        var a = Assert.IsType<Adam>(adam);
        Assert.Equal(0.001f, a.LearningRate);
        Assert.True(a.Amsgrad);
        Assert.Equal(1f, a.Clipnorm);
        Assert.Equal(1e-7f, a.Epsilon);

        var sgd = Assert.IsType<SGD>(Optimizer.Get((object)Parse("""
            {"module": "keras.optimizers", "class_name": "SGD", "config": {"name": "SGD", "learning_rate": {"module":
             "keras.optimizers.schedules", "class_name": "ExponentialDecay", "config": {"initial_learning_rate": 0.1,
             "decay_steps": 1000, "decay_rate": 0.96, "staircase": false, "name": "ExponentialDecay"}, "registered_name": null},
             "weight_decay": null, "clipnorm": null, "global_clipnorm": null, "clipvalue": null, "use_ema": false,
             "ema_momentum": 0.99, "ema_overwrite_frequency": null, "loss_scale_factor": null, "gradient_accumulation_steps": null,
             "momentum": 0.9, "nesterov": true}, "registered_name": null}
            """)));
        var decay = Assert.IsType<ExponentialDecay>(sgd.Schedule);
        Assert.Equal(1000, decay.DecaySteps);
        Assert.True(sgd.Nesterov);
        Assert.Equal(0.9f, sgd.Momentum);

        // Keras 2 configs: no module, "lr", and keys Keras 3 ignores ("decay").
        var legacy = Assert.IsType<RMSprop>(Optimizer.Get((object)Parse("""{"class_name": "RMSprop", "config": {"lr": 0.01, "decay": 0.0, "rho": 0.8}}""")));
        Assert.Equal(0.01f, legacy.LearningRate);
        Assert.Equal(0.8f, legacy.Rho);
    }

    [Fact]
    public void UnsupportedConfigOptionsAreClearErrors()
    {
        var e = Assert.Throws<NotSupportedException>(() => Optimizer.Get((object)Parse("""{"class_name": "Adam", "config": {"gradient_accumulation_steps": 4}}""")));
        Assert.Contains("gradient_accumulation_steps", e.Message);
        var w = Assert.Throws<FormatException>(() => Optimizer.Get((object)Parse("""{"class_name": "AdamW", "config": {"weight_decay": null}}""")));
        Assert.Contains("weight_decay", w.Message);
        var s = Assert.Throws<FormatException>(() => LearningRateSchedule.Deserialize(Parse("""{"class_name": "ExponentialDecay", "config": {"initial_learning_rate": 0.1}}""")));
        Assert.Contains("decay_steps", s.Message);
    }

    [Fact]
    public void NamesGiveKerasDefaults()
    {
        Assert.Equal(0.01f, Assert.IsType<SGD>(Optimizer.Get("sgd")).LearningRate);
        Assert.Equal(0.001f, Assert.IsType<Adam>(Optimizer.Get("adam")).LearningRate);
        var adamw = Assert.IsType<AdamW>(Optimizer.Get("adamw"));
        Assert.Equal(0.004f, adamw.WeightDecay);
        Assert.Equal(0.9f, Assert.IsType<RMSprop>(Optimizer.Get("rmsprop")).Rho);
        Assert.Equal(0.1f, Assert.IsType<Adagrad>(Optimizer.Get("adagrad")).InitialAccumulatorValue);
        Assert.Equal(0.95f, Assert.IsType<Adadelta>(Optimizer.Get("adadelta")).Rho);
        Assert.IsType<Adamax>(Optimizer.Get("adamax"));
        Assert.IsType<Nadam>(Optimizer.Get("Nadam"));
        Assert.Equal(0.99f, Assert.IsType<Lion>(Optimizer.Get("lion")).Beta2);
        Optimizer implicitName = "adam";
        Assert.Equal("adam", implicitName.Name);
        Assert.Equal("SGD", Optimizer.Get("sgd").Name);
        var e = Assert.Throws<ArgumentException>(() => Optimizer.Get("adamm"));
        Assert.Contains("adamw", e.Message);
        Assert.Contains("rmsprop", e.Message);
    }

    [Fact]
    public void StateVariablesHaveKerasNamesAndOrder()
    {
        var dense = new Dense(3, name: "dense");
        dense.Build(new Shape(-1, 2));
        var optimizer = new Adam(amsgrad: true, useEma: true);
        Assert.Equal(["iteration", "learning_rate"], optimizer.Variables.Select(v => v.Name).ToArray());
        Assert.False(optimizer.Built);

        optimizer.Apply([Tensor.Ones(2, 3), Tensor.Ones(3)], dense.TrainableWeights);
        Assert.Equal(
            ["iteration", "learning_rate", "dense_kernel_average", "dense_bias_average", "dense_kernel_momentum", "dense_kernel_velocity",
             "dense_bias_momentum", "dense_bias_velocity", "dense_kernel_velocity_hat", "dense_bias_velocity_hat"],
            optimizer.Variables.Select(v => v.Name).ToArray());
        Assert.Equal("adam/iteration", optimizer.Variables[0].Path);
        Assert.Equal("adam/dense_kernel_momentum", optimizer.Variables[4].Path);
        Assert.Equal(DType.Int32, optimizer.Variables[0].DType);
        Assert.Equal(1, optimizer.Variables[0].Value.AsIntSpan()[0]);
        Assert.Equal(new Shape(2, 3), optimizer.Variables[4].Shape);
        Assert.All(optimizer.Variables, v => Assert.False(v.Trainable));

        var scheduled = new RMSprop(new ExponentialDecay(0.1f, 10, 0.5f), momentum: 0.5f, centered: true);
        scheduled.Build(dense.TrainableWeights);
        Assert.Equal(
            ["iteration", "dense_kernel_velocity", "dense_bias_velocity", "dense_kernel_momentum", "dense_bias_momentum",
             "dense_kernel_average_gradient", "dense_bias_average_gradient"],
            scheduled.Variables.Select(v => v.Name).ToArray());
        Assert.Equal(["iteration", "learning_rate"], new SGD().Variables.Select(v => v.Name).ToArray());
        var sgd = new SGD();
        sgd.Build(dense.TrainableWeights);
        Assert.Equal(2, sgd.Variables.Count);
        var nadam = new Nadam();
        nadam.Build(dense.TrainableWeights);
        Assert.Equal("u_product", nadam.Variables[^1].Name);
        var adagrad = new Adagrad(initialAccumulatorValue: 0.25f);
        adagrad.Build(dense.TrainableWeights);
        Assert.All(adagrad.Variables[2].Value.ToArray(), v => Assert.Equal(0.25f, v));
    }

    [Fact]
    public void ConstraintIsAppliedAfterTheUpdate()
    {
        var w = new Variable(Tensor.FromArray([0.5f, 1f, -0.5f, 2f], 4), "kernel") { Path = "dense/kernel", Constraint = new NonNeg() };
        var free = new Variable(Tensor.FromArray([0.5f, 1f], 2), "bias") { Path = "dense/bias" };
        new SGD(1.0).Apply([Tensor.FromArray([1f, -1f, -1f, 0.5f], 4), Tensor.FromArray([1f, 1f], 2)], [w, free]);
        // SGD gives [-0.5, 2, 0.5, 1.5]; NonNeg then zeroes the negative entry. The unconstrained bias keeps its sign.
        Assert.Equal([0f, 2f, 0.5f, 1.5f], w.Value.ToArray());
        Assert.Equal([-0.5f, 0f], free.Value.ToArray());
    }

    [Fact]
    public void LearningRateFollowsTheScheduleAndTheSetterReplacesIt()
    {
        var w = new Variable(Tensor.FromArray([1f], 1), "w");
        var sgd = new SGD(new ExponentialDecay(0.1f, 1, 0.5f));
        Assert.Equal(0.1f, sgd.LearningRate);
        sgd.Apply([Tensor.FromArray([1f], 1)], [w]);
        Assert.Equal(0.05f, sgd.LearningRate);
        Assert.Equal(0.9f, w.Value.ToArray()[0]);
        Assert.Equal(["iteration"], sgd.Variables.Select(v => v.Name).ToArray());

        // ReduceLROnPlateau's move: a constant replaces the schedule, stored where Keras keeps a constant rate.
        sgd.LearningRate = 0.01f;
        Assert.Null(sgd.Schedule);
        Assert.Equal(["iteration", "learning_rate"], sgd.Variables.Select(v => v.Name).ToArray());
        sgd.Apply([Tensor.FromArray([1f], 1)], [w]);
        Assert.Equal(0.89f, w.Value.ToArray()[0], 6);
        Assert.Equal(0.01f, (float)sgd.GetConfig()["learning_rate"]!);

        var adam = new Adam();
        adam.LearningRate = 0.5f;
        Assert.Equal(0.5f, adam.Variables[1].Value.AsSpan()[0]);
        Assert.Equal(0.5f, (float)adam.GetConfig()["learning_rate"]!);
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.LearningRate = float.NaN);
    }

    [Fact]
    public void InvalidArgumentsAreClearErrors()
    {
        var clip = Assert.Throws<ArgumentException>(() => new Adam(clipnorm: 1f, clipvalue: 1f));
        Assert.Contains("only one of clipnorm, clipvalue and globalClipnorm", clip.Message);
        var momentum = Assert.Throws<ArgumentOutOfRangeException>(() => new SGD(momentum: 1.5f));
        Assert.Contains("SGD: momentum must be in [0, 1]; got 1.5", momentum.Message);
        var rate = Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(-0.1));
        Assert.Contains("Adam: the learning rate must be a finite number >= 0; got -0.1", rate.Message);
        Assert.Contains("SignSGD", Assert.Throws<ArgumentOutOfRangeException>(() => new Lion(beta1: 0f)).Message);
        Assert.Contains("emaMomentum", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(useEma: true, emaMomentum: 2f)).Message);
        Assert.Contains("decaySteps must be > 0", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineDecay(0.1f, 0)).Message);
        Assert.Contains("one element less than values", Assert.Throws<ArgumentException>(() => new PiecewiseConstantDecay([1, 2], [0.1f])).Message);
    }

    [Fact]
    public void ApplyErrorsNameTheVariableAndShapes()
    {
        var kernel = new Variable(Tensor.Zeros(2, 3), "kernel") { Path = "dense/kernel" };
        var bias = new Variable(Tensor.Zeros(3), "bias") { Path = "dense/bias" };
        var adam = new Adam();
        var count = Assert.Throws<ArgumentException>(() => adam.Apply([Tensor.Zeros(2, 3)], [kernel, bias]));
        Assert.Contains("1 gradients for 2 variables", count.Message);
        var shape = Assert.Throws<ArgumentException>(() => adam.Apply([Tensor.Zeros(3, 2), Tensor.Zeros(3)], [kernel, bias]));
        Assert.Contains("'dense/kernel' has shape (3, 2)", shape.Message);
        Assert.Contains("(2, 3)", shape.Message);
        var other = new Variable(Tensor.Zeros(3), "other") { Path = "dense_1/bias" };
        var unknown = Assert.Throws<ArgumentException>(() => adam.Apply([Tensor.Zeros(3)], [other]));
        Assert.Contains("unknown variable 'dense_1/bias'", unknown.Message);
        var none = Assert.Throws<ArgumentException>(() => adam.Apply([null!, null!], [kernel, bias]));
        Assert.Contains("no gradients", none.Message);
        Assert.Equal(0, adam.Iterations);
    }

    [Fact]
    public void NullGradientsSkipTheirVariables()
    {
        var kernel = new Variable(Tensor.Ones(2), "kernel");
        var bias = new Variable(Tensor.Ones(2), "bias");
        var sgd = new SGD(0.5, weightDecay: 0.5f);
        sgd.Apply([Tensor.Ones(2), null!], [kernel, bias]);
        Assert.Equal([0.25f, 0.25f], kernel.Value.ToArray());
        Assert.Equal([1f, 1f], bias.Value.ToArray());
        Assert.Equal(1, sgd.Iterations);
    }

    [Fact]
    public void ExcludedVariablesSkipWeightDecay()
    {
        var kernel = new Variable(Tensor.Ones(2), "kernel");
        var bias = new Variable(Tensor.Ones(2), "bias");
        var other = new Variable(Tensor.Ones(2), "gamma");
        var sgd = new SGD(0.5, weightDecay: 0.2f);
        sgd.ExcludeFromWeightDecay([other], ["bias"]);
        sgd.Apply([Tensor.Zeros(2), Tensor.Zeros(2), Tensor.Zeros(2)], [kernel, bias, other]);
        Assert.Equal([0.9f, 0.9f], kernel.Value.ToArray());
        Assert.Equal([1f, 1f], bias.Value.ToArray());
        Assert.Equal([1f, 1f], other.Value.ToArray());
        Assert.Throws<InvalidOperationException>(() => sgd.ExcludeFromWeightDecay(varNames: ["kernel"]));
    }

    [Fact]
    public void FinalizeVariableValuesCopiesTheMovingAverage()
    {
        var w = new Variable(Tensor.FromArray([1f, 2f], 2), "w");
        var sgd = new SGD(1.0, useEma: true, emaMomentum: 0.5f);
        sgd.Apply([Tensor.FromArray([1f, 1f], 2)], [w]); // w = [0, 1]; the first step copies: average = [0, 1]
        sgd.Apply([Tensor.FromArray([1f, 1f], 2)], [w]); // w = [-1, 0]; average = 0.5 * [0, 1] + 0.5 * [-1, 0]
        Assert.Equal([-1f, 0f], w.Value.ToArray());
        sgd.FinalizeVariableValues([w]);
        Assert.Equal([-0.5f, 0.5f], w.Value.ToArray());
        var plain = new Variable(Tensor.FromArray([1f], 1), "p");
        var noEma = new SGD(1.0);
        noEma.Apply([Tensor.FromArray([1f], 1)], [plain]);
        noEma.FinalizeVariableValues([plain]);
        Assert.Equal([0f], plain.Value.ToArray());
    }

    [Fact]
    public void LargeVariablesUpdateInParallelBlocksLikeSmallOnes()
    {
        // 70,003 elements: several parallel blocks and a ragged vector tail; each 7-element piece updated alone must agree exactly.
        const int n = 70_003;
        var values = GradientCheck.Random(1, -1f, 1f, n);
        var grads = new[] { GradientCheck.Random(2, -1f, 1f, n), GradientCheck.Random(3, -1f, 1f, n) };
        var big = new Variable(values, "big");
        var rmsprop = new RMSprop(0.01, momentum: 0.5f, centered: true);
        foreach (var g in grads) rmsprop.Apply([g], [big]);

        var expected = new float[n];
        var (initial, gradients) = (values.ToArray(), grads.Select(g => g.ToArray()).ToArray());
        for (var start = 0; start < n; start += 7)
        {
            var len = Math.Min(7, n - start);
            var piece = new Variable(Tensor.FromArray(initial[start..(start + len)], len), "piece");
            var small = new RMSprop(0.01, momentum: 0.5f, centered: true);
            foreach (var g in gradients) small.Apply([Tensor.FromArray(g[start..(start + len)], len)], [piece]);
            piece.Value.AsSpan().CopyTo(expected.AsSpan(start));
        }
        Assert.Equal(expected, big.Value.ToArray());
    }

    [Fact]
    public void UpdatesAreNotRecordedAndSteadyStateStepsDoNotAllocate()
    {
        var kernel = new Variable(GradientCheck.Random(4, -1f, 1f, 16, 8), "kernel");
        var bias = new Variable(GradientCheck.Random(5, -1f, 1f, 8), "bias");
        Tensor[] grads = [GradientCheck.Random(6, -1f, 1f, 16, 8), GradientCheck.Random(7, -1f, 1f, 8)];
        Variable[] variables = [kernel, bias];
        var adam = new Adam(new CosineDecay(0.01f, 100), clipnorm: 0.5f, weightDecay: 0.01f, useEma: true);
        using (var tape = new GradientTape())
        {
            adam.Apply(grads, variables);
            Assert.Equal(0, tape.RecordedCount);
        }
        // One-off runtime work (tiered compilation) may allocate in an early window; a steady-state window allocates nothing.
        var fewest = long.MaxValue;
        for (var window = 0; window < 5; window++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 10; i++) adam.Apply(grads, variables);
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, fewest);
    }

    private static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;
}
