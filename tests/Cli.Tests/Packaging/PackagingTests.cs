using System.Text.Json;
using NotebookKeras.Cli.Tests.Support;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Cli.Tests.Packaging;

/// <summary>
/// `dotnet pack` gives the three packages (the NotebookKeras library, NotebookKeras.Interactive and the nkeras tool), and they
/// install from a local folder feed: the library into a console app, the tool with `dotnet tool install`, the extension into
/// the .NET Interactive Jupyter kernel. Each run packs a unique version so NuGet's cache never serves an older build.
/// </summary>
public sealed class PackagingTests : IClassFixture<PackagingTests.Feed>
{
    private readonly Feed _feed;

    public PackagingTests(Feed feed) => _feed = feed;

    [Fact]
    public void TheFeedHoldsTheThreePackages()
    {
        var names = Directory.GetFiles(_feed.Folder, "*.nupkg").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
        string[] expected = [$"NotebookKeras.{_feed.Version}.nupkg", $"NotebookKeras.Interactive.{_feed.Version}.nupkg", $"nkeras.{_feed.Version}.nupkg"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public void TheLibraryInstallsIntoAConsoleApp()
    {
        using var app = new TemporaryFolder("app");
        File.WriteAllText(Path.Combine(app.Path, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
              <ItemGroup><PackageReference Include="NotebookKeras" Version="{_feed.Version}" /></ItemGroup>
            </Project>
            """);
        _feed.WriteNuGetConfig(app.Path);
        File.WriteAllText(Path.Combine(app.Path, "Program.cs"), """
            using static NotebookKeras.Dsl.Keras;
            var model = Sequential(Input([8]), Dense(4, activation: "relu"), Dense(2));
            Console.WriteLine(model.Summary());
            """);
        var run = ProcessRunner.Run(ProcessRunner.Dotnet, ["run"], app.Path, _feed.Environment);
        Assert.True(run.ExitCode == 0, run.Describe("dotnet run of a console app using the NotebookKeras package"));
        Assert.Contains("Total params: 46", run.Stdout);
    }

    [Fact]
    public void TheToolInstallsAndRuns()
    {
        using var tools = new TemporaryFolder("tools");
        var install = ProcessRunner.Run(ProcessRunner.Dotnet,
            ["tool", "install", "nkeras", "--version", _feed.Version, "--tool-path", tools.Path, "--add-source", _feed.Folder], environment: _feed.Environment);
        Assert.True(install.ExitCode == 0, install.Describe("dotnet tool install nkeras"));
        var help = ProcessRunner.Run(Path.Combine(tools.Path, "nkeras"), ["--help"]);
        Assert.True(help.ExitCode == 0, help.Describe("nkeras --help"));
        Assert.Contains("usage: nkeras", help.Stdout);
    }

    [Fact]
    public void TheExtensionLoadsInTheDotnetInteractiveJupyterKernel()
    {
        using var work = new TemporaryFolder("dotnet-interactive");
        var tools = Path.Combine(work.Path, "tools");
        var install = ProcessRunner.Run(ProcessRunner.Dotnet,
            ["tool", "install", "Microsoft.dotnet-interactive", "--version", "1.0.712001", "--tool-path", tools]);
        Assert.True(install.ExitCode == 0, install.Describe("dotnet tool install Microsoft.dotnet-interactive"));
        // The stock kernelspec listens on every interface; this one binds its HTTP API to loopback only.
        var spec = Directory.CreateDirectory(Path.Combine(work.Path, "jupyter", "kernels", "dotnet-csharp-local")).FullName;
        File.WriteAllText(Path.Combine(spec, "kernel.json"), JsonSerializer.Serialize(new
        {
            argv = new[] { Path.Combine(tools, "dotnet-interactive"), "jupyter", "--default-kernel", "csharp", "{connection_file}", "--http-local-only", "--http-port-range", "2048-3000" },
            display_name = ".NET (C#) local-only",
            language = "C#",
            env = new Dictionary<string, string> { ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1" },
        }));
        var notebook = Path.Combine(work.Path, "extension.ipynb");
        File.WriteAllText(notebook, JsonSerializer.Serialize(new
        {
            nbformat = 4,
            nbformat_minor = 5,
            metadata = new { kernelspec = new { name = "dotnet-csharp-local", display_name = ".NET (C#) local-only", language = "C#" } },
            cells = new object[]
            {
                new { cell_type = "code", id = "load", metadata = new { }, execution_count = (int?)null, outputs = Array.Empty<object>(),
                    source = $"#i \"nuget: {_feed.Folder}\"\n#r \"nuget: NotebookKeras.Interactive, {_feed.Version}\"" },
                new { cell_type = "code", id = "model", metadata = new { }, execution_count = (int?)null, outputs = Array.Empty<object>(),
                    source = "Sequential(Input([8]), Dense(4, activation: \"relu\"), Dense(2))" },
            },
        }));
        var environment = new Dictionary<string, string>
        {
            ["JUPYTER_PATH"] = Path.Combine(work.Path, "jupyter"),
            ["PATH"] = $"{tools}{Path.PathSeparator}{Path.GetDirectoryName(ProcessRunner.Dotnet)}{Path.PathSeparator}{System.Environment.GetEnvironmentVariable("PATH")}",
        };
        var run = ProcessRunner.Run("jupyter", ["nbconvert", "--to", "notebook", "--execute", notebook, "--output", "executed.ipynb",
            "--ExecutePreprocessor.kernel_name=dotnet-csharp-local", "--ExecutePreprocessor.timeout=300"], work.Path, environment, TimeSpan.FromMinutes(8));
        Assert.True(run.ExitCode == 0, run.Describe("jupyter nbconvert --execute with the dotnet-interactive kernel"));
        var executed = File.ReadAllText(Path.Combine(work.Path, "executed.ipynb"));
        Assert.Contains("Total params: 46", executed);
    }

    /// <summary>Packs the solution's packages once per test run into a temporary feed.</summary>
    public sealed class Feed : IDisposable
    {
        private readonly TemporaryFolder _folder = new("feed");
        private readonly TemporaryFolder _packages = new("packages");

        public Feed()
        {
            Version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}";
            foreach (var project in new[] { "Dsl/NotebookKeras.Dsl.csproj", "Interactive/NotebookKeras.Interactive.csproj", "Cli/NotebookKeras.Cli.csproj" })
            {
                var pack = ProcessRunner.Run(ProcessRunner.Dotnet,
                    ["pack", Repository.PathOf(project), "-c", Repository.Configuration, "--no-build", "-p:BuildProjectReferences=false", "-o", Folder, $"-p:PackageVersion={Version}"]);
                if (pack.ExitCode != 0) throw new InvalidOperationException(pack.Describe($"dotnet pack {project}"));
            }
        }

        public string Folder => _folder.Path;

        public string Version { get; }

        /// <summary>
        /// A private NuGet package folder: what these tests install must come from the feed, not from the machine's cache.
        /// Package dependencies from the configured sources are restored into it too.
        /// </summary>
        public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["NUGET_PACKAGES"] = _packages.Path };

        /// <summary>A nuget.config adding the feed to the machine's configured sources (which serve the dependencies).</summary>
        public void WriteNuGetConfig(string folder) => File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><add key="nkeras-test-feed" value="{Folder}" /></packageSources>
            </configuration>
            """);

        public void Dispose()
        {
            _folder.Dispose();
            _packages.Dispose();
        }
    }
}
