using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.ModelFiles;

/// <summary>
/// Files NotebookKeras writes must read in h5py with exactly Keras 3's layout: every fixture model is loaded and saved again
/// (.keras and .weights.h5), then Reference/check_h5_layout.py compares each file, group by group and dataset by dataset,
/// with the file real Keras wrote for the same model. CI installs python3-h5py, so a missing h5py fails the test.
/// </summary>
public sealed class H5LayoutTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("nk-h5-layout-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void H5pyFindsKerasLayoutInFilesWeWrite()
    {
        var names = ((IEnumerable<object[]>)KerasFixtureLoadTests.Models).Select(row => (string)row[0]).ToList();
        foreach (var name in names)
        {
            var model = Model.Load(KerasFixtures.PathOf($"{name}.keras"));
            model.Save(Path.Combine(_folder.FullName, $"{name}.keras"));
            model.SaveWeights(Path.Combine(_folder.FullName, $"{name}.weights.h5"));
        }
        var (exitCode, output) = PythonScript.Run("check_h5_layout.py", "python3-h5py", _folder.FullName, KerasFixtures.Directory);
        Assert.True(exitCode == 0, $"check_h5_layout.py exited with {exitCode}:\n{output}");
        Assert.Contains($"{2 * names.Count} of {2 * names.Count} files ok", output);
    }
}
