using System.Text;
using System.Text.Json.Nodes;

namespace NotebookKeras.Kernel.Jupyter;

/// <summary>
/// One Jupyter message (protocol 5.3): the routing identities, then header, parent header, metadata and content (JSON objects)
/// and optional binary buffers. <see cref="WireFormat"/> turns it into ZeroMQ frames and back.
/// </summary>
internal sealed record JupyterMessage(
    IReadOnlyList<byte[]> Identities, JsonObject Header, JsonObject ParentHeader, JsonObject Metadata, JsonObject Content,
    IReadOnlyList<byte[]> Buffers)
{
    public const string ProtocolVersion = "5.3";

    public string MessageType => Header["msg_type"]?.GetValue<string>() ?? "";

    /// <summary>A new message of <paramref name="messageType"/> answering <paramref name="parent"/> (null: unsolicited).</summary>
    public static JupyterMessage Create(string messageType, JsonObject content, JupyterMessage? parent, string session,
        IReadOnlyList<byte[]>? identities = null) =>
        new(identities ?? parent?.Identities ?? [], NewHeader(messageType, session),
            parent is null ? [] : (JsonObject)parent.Header.DeepClone(), [], content, []);

    private static JsonObject NewHeader(string messageType, string session) => new()
    {
        ["msg_id"] = Guid.NewGuid().ToString("N"),
        ["session"] = session,
        ["username"] = "nkeras",
        ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ"),
        ["msg_type"] = messageType,
        ["version"] = ProtocolVersion,
    };

    /// <summary>The UTF-8 JSON of header, parent header, metadata and content: the signed parts, in order.</summary>
    internal byte[][] SignedParts() =>
        [Json(Header), Json(ParentHeader), Json(Metadata), Json(Content)];

    private static byte[] Json(JsonObject value) => Encoding.UTF8.GetBytes(value.ToJsonString());
}
