using System.Security.Cryptography;
using System.Text;

namespace NotebookKeras.Kernel.Jupyter;

/// <summary>
/// HMAC-SHA256 signatures of Jupyter messages: the hex digest of header, parent_header, metadata and content as sent. An empty
/// key disables signing, as the protocol specifies; otherwise messages with a missing or wrong signature are rejected.
/// </summary>
internal sealed class MessageSigner(string key)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(key);

    public bool Enabled => _key.Length > 0;

    public string Sign(IReadOnlyList<byte[]> parts)
    {
        if (!Enabled) return "";
        using var hmac = new HMACSHA256(_key);
        foreach (var part in parts) hmac.TransformBlock(part, 0, part.Length, null, 0);
        hmac.TransformFinalBlock([], 0, 0);
        return Convert.ToHexStringLower(hmac.Hash!);
    }

    /// <summary>True when the signature matches (compared in constant time), or signing is disabled.</summary>
    public bool Verify(string signature, IReadOnlyList<byte[]> parts)
    {
        if (!Enabled) return true;
        var expected = Encoding.ASCII.GetBytes(Sign(parts));
        var actual = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
