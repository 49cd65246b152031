namespace NotebookKeras.Cli.Tests.Browser;

public sealed class ChromiumTests
{
    [Fact]
    public void AMissingBrowserFailsSayingWhatToInstall()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Chromium.Find(configured: null, searchPath: ""));
        Assert.Contains("install the Debian package 'chromium'", error.Message, StringComparison.Ordinal);
        Assert.Contains(Chromium.Variable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheVariableMustNameAnExistingFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-browser-" + Guid.NewGuid().ToString("N"));
        var error = Assert.Throws<InvalidOperationException>(() => Chromium.Find(missing, searchPath: null));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }
}
