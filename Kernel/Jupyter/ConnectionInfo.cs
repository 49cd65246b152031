using System.Text.Json;
using System.Text.Json.Serialization;

namespace NotebookKeras.Kernel.Jupyter;

/// <summary>
/// A Jupyter connection file: where the kernel binds its five sockets and the key that signs messages. The kernel binds exactly
/// the address written here (front ends write 127.0.0.1), never every interface.
/// </summary>
public sealed record ConnectionInfo
{
    [JsonPropertyName("transport")] public string Transport { get; init; } = "tcp";

    [JsonPropertyName("ip")] public string Ip { get; init; } = "127.0.0.1";

    [JsonPropertyName("shell_port")] public int ShellPort { get; init; }

    [JsonPropertyName("iopub_port")] public int IopubPort { get; init; }

    [JsonPropertyName("stdin_port")] public int StdinPort { get; init; }

    [JsonPropertyName("control_port")] public int ControlPort { get; init; }

    [JsonPropertyName("hb_port")] public int HeartbeatPort { get; init; }

    [JsonPropertyName("key")] public string Key { get; init; } = "";

    [JsonPropertyName("signature_scheme")] public string SignatureScheme { get; init; } = "hmac-sha256";

    [JsonPropertyName("kernel_name")] public string? KernelName { get; init; }

    /// <summary>The endpoint of one port, e.g. tcp://127.0.0.1:5555.</summary>
    public string Endpoint(int port) => Transport == "ipc" ? $"ipc://{Ip}-{port}" : $"{Transport}://{Ip}:{port}";

    /// <summary>Reads and checks a connection file; errors name the file and the problem.</summary>
    public static ConnectionInfo Load(string path)
    {
        ConnectionInfo? info;
        try
        {
            info = JsonSerializer.Deserialize<ConnectionInfo>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Connection file '{path}' is not valid JSON: {e.Message}", e);
        }
        if (info is null) throw new InvalidDataException($"Connection file '{path}' is empty.");
        if (info.Transport is not ("tcp" or "ipc"))
            throw new InvalidDataException($"Connection file '{path}': transport must be 'tcp' or 'ipc', got '{info.Transport}'.");
        if (info.SignatureScheme != "hmac-sha256" && info.Key.Length > 0)
            throw new InvalidDataException($"Connection file '{path}': signature_scheme must be 'hmac-sha256', got '{info.SignatureScheme}'.");
        foreach (var (name, port) in new[] { ("shell_port", info.ShellPort), ("iopub_port", info.IopubPort), ("stdin_port", info.StdinPort),
            ("control_port", info.ControlPort), ("hb_port", info.HeartbeatPort) })
        {
            if (port is <= 0 or > 65535)
                throw new InvalidDataException($"Connection file '{path}': {name} must be a port in 1..65535, got {port}.");
        }
        return info;
    }
}
