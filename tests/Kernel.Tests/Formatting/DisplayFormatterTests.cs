using NotebookKeras.Kernel.Formatting;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Kernel.Tests.Formatting;

public class DisplayFormatterTests
{
    [Fact]
    public void EveryValueHasPlainText()
    {
        var bundle = DisplayFormatter.CreateDefault().Format(42);
        Assert.Equal("42", bundle[DisplayFormatter.PlainText]);
        Assert.Single(bundle);
        Assert.Equal("null", DisplayFormatter.CreateDefault().Format(null)[DisplayFormatter.PlainText]);
    }

    [Fact]
    public void TensorsAlsoRenderAsHtml()
    {
        var bundle = DisplayFormatter.CreateDefault().Format(Tensor.Ones(2, 2));
        Assert.Contains("shape (2, 2)", bundle[DisplayFormatter.Html]);
        Assert.Equal(Tensor.Ones(2, 2).ToString(), bundle[DisplayFormatter.PlainText]);
    }

    [Fact]
    public void MostSpecificThenLatestRegistrationWins()
    {
        var f = new DisplayFormatter();
        f.Register<object>(DisplayFormatter.Html, _ => "object");
        f.Register<Exception>(DisplayFormatter.Html, _ => "exception");
        f.Register<ArgumentException>(DisplayFormatter.Html, _ => "argument");
        f.Register<Exception>(DisplayFormatter.Html, _ => "exception again");
        Assert.Equal("argument", f.Format(new ArgumentNullException())[DisplayFormatter.Html]);
        Assert.Equal("exception again", f.Format(new InvalidOperationException())[DisplayFormatter.Html]);
        Assert.Equal("object", f.Format("text")[DisplayFormatter.Html]);
    }

    [Fact]
    public void AFailingFormatterLeavesTheOtherRenderings()
    {
        var f = new DisplayFormatter();
        f.Register<string>(DisplayFormatter.Html, _ => throw new KeyNotFoundException("no"));
        var bundle = f.Format("text");
        Assert.Equal("text", Assert.Single(bundle).Value);
    }

    [Fact]
    public void ModelsShowTheirSummary()
    {
        var model = Dsl.Keras.Sequential(Dsl.Keras.Input([3]), Dsl.Keras.Dense(2));
        var bundle = DisplayFormatter.CreateDefault().Format(model);
        Assert.Contains("Total params: 8", bundle[DisplayFormatter.PlainText], StringComparison.Ordinal);
        Assert.StartsWith("<div class=\"nk-summary\">", bundle[DisplayFormatter.Html], StringComparison.Ordinal);
    }

    [Fact]
    public void SequencesShowTheirItems()
    {
        var f = DisplayFormatter.CreateDefault();
        Assert.Equal("[1, 2.5, \"a\", null]", f.Format(new object?[] { 1, 2.5, "a", null })[DisplayFormatter.PlainText]);
        Assert.Equal("text", f.Format("text")[DisplayFormatter.PlainText]);
        var endless = f.Format(Enumerable.Range(0, int.MaxValue))[DisplayFormatter.PlainText];
        Assert.EndsWith("98, 99, …]", endless, StringComparison.Ordinal);
    }
}
