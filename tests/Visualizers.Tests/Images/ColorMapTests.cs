using NotebookKeras.Visualizers.Images;

namespace NotebookKeras.Visualizers.Tests.Images;

public class ColorMapTests
{
    [Fact]
    public void LevelsSpanMinToMax()
    {
        Assert.Equal([0, 64, 255], ColorMap.Levels([-1f, 0f, 3f]));
        Assert.Equal([0, 255, 0], ColorMap.Levels([2f, 4f, float.NaN]));
        Assert.Equal([0, 0], ColorMap.Levels([7f, 7f]));
    }

    [Fact]
    public void ViridisRunsFromPurpleToYellowAndGrayIsLinear()
    {
        Assert.Equal([0x44, 0x01, 0x54], ColorMap.Viridis[0].ToArray());
        Assert.Equal([0xFD, 0xE7, 0x25], ColorMap.Viridis[255].ToArray());
        var middle = ColorMap.Viridis[128].ToArray();
        byte[] teal = [0x21, 0x90, 0x8C];
        for (var c = 0; c < 3; c++) Assert.InRange(middle[c] - teal[c], -2, 2);
        Assert.Equal([100, 100, 100], ColorMap.Gray[100].ToArray());
    }
}
