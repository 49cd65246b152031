using System.Text;
using NotebookKeras.Visualizers.Images;

namespace NotebookKeras.Visualizers.Tests.Images;

public class PngEncoderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void PixelsRoundTrip(int channels)
    {
        const int width = 5, height = 3;
        var pixels = Enumerable.Range(0, width * height * channels).Select(i => (byte)(i * 37 % 256)).ToArray();
        var image = PngDecoder.Decode(PngEncoder.Encode(pixels, width, height, channels));
        Assert.Equal((width, height, channels), (image.Width, image.Height, image.Channels));
        Assert.Equal(pixels, image.Pixels);
    }

    [Fact]
    public void Crc32MatchesTheStandardCheckValue()
    {
        var check = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0xCBF43926u, PngEncoder.Crc32(check));
        Assert.Equal(0xCBF43926u, PngEncoder.Crc32(check.AsSpan(4), PngEncoder.Crc32(check.AsSpan(0, 4))));
        Assert.Equal(0xCBF43926u, PngDecoder.BitwiseCrc32(check));
    }

    [Fact]
    public void RejectsMismatchedSizesAndChannels()
    {
        var sizes = Assert.Throws<ArgumentException>(() => PngEncoder.Encode(new byte[5], 2, 2, 1));
        Assert.Contains("Expected 4 bytes for 2x2x1 pixels, got 5", sizes.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => PngEncoder.Encode(new byte[8], 2, 2, 2));
    }
}
