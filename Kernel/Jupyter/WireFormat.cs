using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetMQ;

namespace NotebookKeras.Kernel.Jupyter;

/// <summary>
/// The Jupyter wire format over ZeroMQ: identities, the "&lt;IDS|MSG&gt;" delimiter, the HMAC signature, then header, parent
/// header, metadata, content and buffers, one frame each.
/// </summary>
internal static class WireFormat
{
    private static readonly byte[] Delimiter = Encoding.ASCII.GetBytes("<IDS|MSG>");

    public static NetMQMessage Encode(JupyterMessage message, MessageSigner signer)
    {
        var parts = message.SignedParts();
        var frames = new NetMQMessage();
        foreach (var identity in message.Identities) frames.Append(identity);
        frames.Append(Delimiter);
        frames.Append(signer.Sign(parts));
        foreach (var part in parts) frames.Append(part);
        foreach (var buffer in message.Buffers) frames.Append(buffer);
        return frames;
    }

    /// <summary>
    /// Parses frames into a message, or returns null with the reason when they are malformed or the signature does not verify
    /// (such messages are dropped, never executed).
    /// </summary>
    public static JupyterMessage? Decode(NetMQMessage frames, MessageSigner signer, out string? problem)
    {
        var all = frames.Select(f => f.ToByteArray()).ToList();
        var delimiter = all.FindIndex(f => f.AsSpan().SequenceEqual(Delimiter));
        if (delimiter < 0 || all.Count < delimiter + 6)
        {
            problem = $"malformed message: {(delimiter < 0 ? "no <IDS|MSG> delimiter" : $"{all.Count - delimiter - 1} frames after the delimiter, expected at least 5")}";
            return null;
        }
        var signature = Encoding.ASCII.GetString(all[delimiter + 1]);
        var parts = all.GetRange(delimiter + 2, 4);
        if (!signer.Verify(signature, parts))
        {
            problem = signature.Length == 0 ? "unsigned message rejected" : "message with an invalid signature rejected";
            return null;
        }
        try
        {
            var objects = parts.Select(p => JsonNode.Parse(p) as JsonObject ?? []).ToArray();
            problem = null;
            return new JupyterMessage(all.GetRange(0, delimiter), objects[0], objects[1], objects[2], objects[3],
                all.GetRange(delimiter + 6, all.Count - delimiter - 6));
        }
        catch (JsonException e)
        {
            problem = $"message with invalid JSON rejected: {e.Message}";
            return null;
        }
    }
}
