using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;

namespace NotebookKeras.Runtime.Tests.Support;

/// <summary>Checks that an object survives KerasRegistry.Serialize → JSON text → KerasRegistry.Deserialize with an equal config.</summary>
public static class KerasConfigAssert
{
    public static T RoundTrips<T>(T value) where T : class, IKerasSerializable
    {
        var envelope = KerasRegistry.Serialize(value);
        Assert.Equal(value.Module, (string?)envelope["module"]);
        Assert.Equal(value.ClassName, (string?)envelope["class_name"]);
        var reloaded = (JsonObject)JsonNode.Parse(envelope.ToJsonString())!;
        var back = KerasRegistry.Deserialize<T>(reloaded);
        Assert.IsType(value.GetType(), back);
        Assert.True(JsonNode.DeepEquals(value.GetConfig(), back.GetConfig()),
            $"{value.ClassName}: config {value.GetConfig().ToJsonString()} came back as {back.GetConfig().ToJsonString()}");
        return back;
    }
}
