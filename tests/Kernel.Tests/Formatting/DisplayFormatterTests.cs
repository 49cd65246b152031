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
}
