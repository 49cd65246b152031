using System.Globalization;
using NotebookKeras.Cli.Examples;

namespace NotebookKeras.Cli;

/// <summary>The nkeras command line: parses a sub-command and its options, and runs it.</summary>
internal static class CommandLine
{
    private const string Usage = """
        usage: nkeras <command> [options]

        commands:
          example mlp   train a 784-128-10 MLP on Fashion-MNIST, written directly with Ops and the GradientTape
                        options: --epochs N (5)  --batch-size N (128)  --hidden N (128)  --learning-rate F (0.001)
                                 --seed N (42)  --limit N (use the first N samples of each split)  --data DIR
          example custom-layers   the seed's SimpleDense and ComputeSum layers, written in C#
          example basic-classification   TensorFlow's basic classification: Flatten, Dense 128 relu, Dense 10 on Fashion-MNIST
                        with Adam, compiled and fitted with Keras's API; prints the History and the test accuracy
                        options: --epochs N (10)  --batch-size N (32)  --seed N (42)  --limit N  --data DIR
          example mnist-convnet   Keras's simple MNIST convnet (Conv2D 32, MaxPooling2D, Conv2D 64, MaxPooling2D, Dropout,
                        Dense 10 softmax) on Fashion-MNIST with Adam and validation_split 0.1; prints the History and the test accuracy
                        options: --epochs N (15)  --batch-size N (128)  --seed N (42)  --limit N  --data DIR
        """;

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Length == 0 ? stderr : stdout).WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        try
        {
            return args switch
            {
                ["example", "mlp", .. var rest] => RunMlp(rest, stdout),
                ["example", "custom-layers"] => RunCustomLayers(stdout),
                ["example", "basic-classification", .. var rest] => RunBasicClassification(rest, stdout),
                ["example", "mnist-convnet", .. var rest] => RunMnistConvnet(rest, stdout),
                ["example", ..] => throw new UsageException($"unknown example '{string.Join(' ', args.Skip(1))}' (available: mlp, custom-layers, basic-classification, mnist-convnet)"),
                _ => throw new UsageException($"unknown command '{args[0]}'"),
            };
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"nkeras: {e.Message}");
            stderr.WriteLine(Usage);
            return 2;
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            stderr.WriteLine($"nkeras: {e.Message}");
            return 1;
        }
    }

    private static int RunMlp(string[] args, TextWriter stdout)
    {
        var options = new MlpExample.Options();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new UsageException($"option {name} needs a value");
            options = name switch
            {
                "--epochs" => options with { Epochs = Positive(name, Value()) },
                "--batch-size" => options with { BatchSize = Positive(name, Value()) },
                "--hidden" => options with { Hidden = Positive(name, Value()) },
                "--learning-rate" => options with { LearningRate = PositiveFloat(name, Value()) },
                "--seed" => options with { Seed = Integer(name, Value()) },
                "--limit" => options with { Limit = Positive(name, Value()) },
                "--data" => options with { DataDirectory = Value() },
                _ => throw new UsageException($"unknown option '{name}' for 'example mlp'"),
            };
        }
        new MlpExample(options, stdout).Run();
        return 0;
    }

    private static int RunBasicClassification(string[] args, TextWriter stdout)
    {
        var options = new BasicClassificationExample.Options();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new UsageException($"option {name} needs a value");
            options = name switch
            {
                "--epochs" => options with { Epochs = Positive(name, Value()) },
                "--batch-size" => options with { BatchSize = Positive(name, Value()) },
                "--seed" => options with { Seed = Integer(name, Value()) },
                "--limit" => options with { Limit = Positive(name, Value()) },
                "--data" => options with { DataDirectory = Value() },
                _ => throw new UsageException($"unknown option '{name}' for 'example basic-classification'"),
            };
        }
        new BasicClassificationExample(options, stdout).Run();
        return 0;
    }

    private static int RunMnistConvnet(string[] args, TextWriter stdout)
    {
        var options = new MnistConvnetExample.Options();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new UsageException($"option {name} needs a value");
            options = name switch
            {
                "--epochs" => options with { Epochs = Positive(name, Value()) },
                "--batch-size" => options with { BatchSize = Positive(name, Value()) },
                "--seed" => options with { Seed = Integer(name, Value()) },
                "--limit" => options with { Limit = Positive(name, Value()) },
                "--data" => options with { DataDirectory = Value() },
                _ => throw new UsageException($"unknown option '{name}' for 'example mnist-convnet'"),
            };
        }
        new MnistConvnetExample(options, stdout).Run();
        return 0;
    }

    private static int RunCustomLayers(TextWriter stdout)
    {
        CustomLayersExample.Run(stdout);
        return 0;
    }

    private static int Integer(string option, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new UsageException($"option {option} expects an integer, got '{value}'");

    private static int Positive(string option, string value) =>
        Integer(option, value) is var n and > 0 ? n : throw new UsageException($"option {option} expects a positive integer, got '{value}'");

    private static float PositiveFloat(string option, string value) =>
        float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f > 0
            ? f
            : throw new UsageException($"option {option} expects a positive number, got '{value}'");

    private sealed class UsageException(string message) : Exception(message);
}
