using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NotebookKeras.Kernel.Execution;
using NotebookKeras.Kernel.Tests.Support;

namespace NotebookKeras.Kernel.Tests.Execution;

public sealed class ScriptReferencesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nkeras-ref-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task HashRLoadsADllRelativeToTheBaseDirectory()
    {
        var library = CSharpCompilation.Create("Greetings",
            [CSharpSyntaxTree.ParseText("namespace Greetings; public static class Greeter { public static string Hello(string name) => $\"hello {name}\"; }")],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var emitted = library.Emit(Path.Combine(_folder, "Greetings.dll"));
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));

        var session = new ScriptSession(_folder);
        var result = await session.ExecuteAsync("#r \"Greetings.dll\"\nGreetings.Greeter.Hello(\"cell\")", new RecordingSink());
        Assert.True(result.Succeeded, result.Error?.Value);
        Assert.Equal("hello cell", result.Value!.PlainText);
    }

    [Fact]
    public async Task AMissingDllIsACompileErrorNamingIt()
    {
        var session = new ScriptSession(_folder);
        var result = await session.ExecuteAsync("#r \"Missing.dll\"", new RecordingSink());
        Assert.Equal("CompilationError", result.Error!.Name);
        Assert.Contains("Missing.dll", result.Error.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void NuGetAssetsListTheRuntimeAssembliesOfThePackageAndItsDependencies()
    {
        var assets = """
            {
              "targets": { "net10.0": {
                "Some.Package/1.2.0": { "type": "package", "dependencies": { "Other": "2.0.0" }, "runtime": { "lib/net8.0/Some.Package.dll": {} } },
                "Other/2.0.0": { "type": "package", "runtime": { "lib/netstandard2.0/Other.dll": {}, "lib/netstandard2.0/_._": {} } },
                "Framework.Only/1.0.0": { "type": "package", "runtime": { "lib/net8.0/System.Text.Json.dll": {} } },
                "Project/1.0.0": { "type": "project" }
              } },
              "libraries": {
                "Some.Package/1.2.0": { "path": "some.package/1.2.0" },
                "Other/2.0.0": { "path": "other/2.0.0" },
                "Framework.Only/1.0.0": { "path": "framework.only/1.0.0" }
              },
              "packageFolders": { "/packages/": {} }
            }
            """;
        var paths = NuGetReferenceResolver.RuntimeAssemblies(assets);
        Assert.Equal(
            [Path.GetFullPath("/packages/some.package/1.2.0/lib/net8.0/Some.Package.dll"), Path.GetFullPath("/packages/other/2.0.0/lib/netstandard2.0/Other.dll")],
            paths);
    }
}
