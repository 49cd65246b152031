using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.CodeAnalysis;

namespace NotebookKeras.Kernel.Execution;

/// <summary>
/// <c>#r "nuget: Name, Version"</c>: restores the package (and its dependencies) with <c>dotnet restore</c> of a tiny generated
/// project, through the user's normal NuGet configuration (so a local folder source works), and references the runtime
/// assemblies listed in its project.assets.json. Every other <c>#r</c> goes to the file resolver it wraps.
/// </summary>
internal sealed class NuGetReferenceResolver(MetadataReferenceResolver files, string baseDirectory) : MetadataReferenceResolver
{
    private readonly MetadataReferenceResolver _files = files;
    private readonly string _baseDirectory = baseDirectory;
    private const string Prefix = "nuget:";
    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> Restored = new(StringComparer.OrdinalIgnoreCase);

    public override bool ResolveMissingAssemblies => _files.ResolveMissingAssemblies;

    public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity) =>
        _files.ResolveMissingAssembly(definition, referenceIdentity);

    public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties)
    {
        if (!reference.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return _files.ResolveReference(reference, baseFilePath, properties);
        var parts = reference[Prefix.Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 0 or > 2)
        {
            CellContext.Live?.Write(CellContext.StandardError, $"#r \"{reference}\": expected \"nuget: Name, Version\".{Environment.NewLine}");
            return [];
        }
        try
        {
            var paths = Restored.GetOrAdd($"{parts[0]}/{(parts.Length > 1 ? parts[1] : "*")}", _ => Restore(parts[0], parts.Length > 1 ? parts[1] : "*"));
            return [.. paths.Select(path => MetadataReference.CreateFromFile(path, properties))];
        }
        catch (InvalidOperationException e)
        {
            // Roslyn reports the reference as not found; the restore's own message says why.
            CellContext.Live?.Write(CellContext.StandardError, e.Message + Environment.NewLine);
            return [];
        }
    }

    public override bool Equals(object? other) => other is NuGetReferenceResolver r && r._files.Equals(_files) && r._baseDirectory == _baseDirectory;

    public override int GetHashCode() => HashCode.Combine(_files, _baseDirectory);

    private IReadOnlyList<string> Restore(string name, string version)
    {
        var project = Path.Combine(Path.GetTempPath(), "nkeras-nuget", $"{Sanitize(name)}-{Sanitize(version)}");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "restore.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net{Environment.Version.Major}.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{System.Security.SecurityElement.Escape(name)}" Version="{System.Security.SecurityElement.Escape(version)}" />
              </ItemGroup>
            </Project>
            """);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", ["restore", "--nologo", project])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Restore from the notebook's folder, so its NuGet.config (e.g. a local folder source) applies.
            WorkingDirectory = _baseDirectory,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"#r \"nuget: {name}\": could not start 'dotnet restore'.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            var errors = (stdout.Result + stderr.Result).Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Select(l => l.Trim());
            throw new InvalidOperationException($"#r \"nuget: {name}, {version}\": restore failed: {string.Join(" ", errors.Take(3))}");
        }
        return RuntimeAssemblies(File.ReadAllText(Path.Combine(project, "obj", "project.assets.json")));
    }

    /// <summary>
    /// The runtime assemblies of every package in a project.assets.json (the package and its dependencies), skipping the ones
    /// the shared framework already provides.
    /// </summary>
    internal static IReadOnlyList<string> RuntimeAssemblies(string assetsJson)
    {
        using var assets = JsonDocument.Parse(assetsJson);
        var root = assets.RootElement;
        var packageFolder = root.GetProperty("packageFolders").EnumerateObject().First().Name;
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var result = new List<string>();
        foreach (var target in root.GetProperty("targets").EnumerateObject())
        {
            foreach (var library in target.Value.EnumerateObject())
            {
                if (library.Value.GetProperty("type").GetString() != "package" || !library.Value.TryGetProperty("runtime", out var runtime)) continue;
                var libraryPath = root.GetProperty("libraries").GetProperty(library.Name).GetProperty("path").GetString()!;
                foreach (var file in runtime.EnumerateObject())
                {
                    if (Path.GetFileName(file.Name) == "_._") continue;
                    if (File.Exists(Path.Combine(frameworkDirectory, Path.GetFileName(file.Name)))) continue;
                    result.Add(Path.GetFullPath(Path.Combine(packageFolder, libraryPath, file.Name)));
                }
            }
            break;
        }
        return result;
    }

    private static string Sanitize(string text) => string.Concat(text.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' ? c : '_'));
}
