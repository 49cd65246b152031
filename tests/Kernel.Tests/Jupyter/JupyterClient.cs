using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using NetMQ;
using NetMQ.Sockets;
using NotebookKeras.Kernel.Jupyter;

namespace NotebookKeras.Kernel.Tests.Jupyter;

/// <summary>A minimal Jupyter front end for the tests: shell and control dealers and an iopub subscriber, signing with a key.</summary>
internal sealed class JupyterClient : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly DealerSocket _shell = new();
    private readonly DealerSocket _control = new();
    private readonly SubscriberSocket _iopub = new();
    private readonly MessageSigner _signer;
    private readonly string _session = Guid.NewGuid().ToString("N");

    public JupyterClient(ConnectionInfo connection, string key)
    {
        _signer = new MessageSigner(key);
        _shell.Connect(connection.Endpoint(connection.ShellPort));
        _control.Connect(connection.Endpoint(connection.ControlPort));
        _iopub.Connect(connection.Endpoint(connection.IopubPort));
        _iopub.SubscribeToAnyTopic();
    }

    /// <summary>A connection file's content with free ports on 127.0.0.1.</summary>
    public static ConnectionInfo FreeConnection(string key) => new()
    {
        Key = key,
        ShellPort = FreePort(),
        IopubPort = FreePort(),
        StdinPort = FreePort(),
        ControlPort = FreePort(),
        HeartbeatPort = FreePort(),
    };

    public JupyterMessage Send(string messageType, JsonObject content, bool control = false)
    {
        var message = JupyterMessage.Create(messageType, content, null, _session);
        (control ? _control : _shell).SendMultipartMessage(WireFormat.Encode(message, _signer));
        return message;
    }

    /// <summary>
    /// Waits until the iopub subscription reaches the kernel (ZeroMQ drops what is published before it does): sends
    /// kernel_info_request until one's status messages arrive, as jupyter_client does.
    /// </summary>
    public void WaitForIopub()
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            var request = Send("kernel_info_request", []);
            Reply();
            NetMQMessage? frames = null;
            while (_iopub.TryReceiveMultipartMessage(TimeSpan.FromMilliseconds(300), ref frames))
            {
                var message = WireFormat.Decode(frames!, _signer, out _);
                if (message?.ParentHeader["msg_id"]?.GetValue<string>() == request.Header["msg_id"]!.GetValue<string>()) return;
                frames = null;
            }
        }
        throw new TimeoutException("the iopub channel never delivered a status message");
    }

    /// <summary>Sends raw frames (for forged or unsigned messages).</summary>
    public void SendFrames(NetMQMessage frames) => _shell.SendMultipartMessage(frames);

    public JupyterMessage? Reply(bool control = false, TimeSpan? timeout = null)
    {
        NetMQMessage? frames = null;
        return (control ? _control : _shell).TryReceiveMultipartMessage(timeout ?? Timeout, ref frames)
            ? WireFormat.Decode(frames!, _signer, out _) : null;
    }

    /// <summary>The iopub messages answering <paramref name="request"/>, up to and including its "idle" status.</summary>
    public List<JupyterMessage> IopubUntilIdle(JupyterMessage request)
    {
        var messages = new List<JupyterMessage>();
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            NetMQMessage? frames = null;
            if (!_iopub.TryReceiveMultipartMessage(TimeSpan.FromMilliseconds(200), ref frames)) continue;
            var message = WireFormat.Decode(frames!, _signer, out _);
            if (message is null || message.ParentHeader["msg_id"]?.GetValue<string>() != request.Header["msg_id"]!.GetValue<string>()) continue;
            messages.Add(message);
            if (message.MessageType == "status" && message.Content["execution_state"]!.GetValue<string>() == "idle") return messages;
        }
        throw new TimeoutException($"no idle status for {request.MessageType} within {Timeout}; got [{string.Join(", ", messages.Select(m => m.MessageType))}]");
    }

    public void Dispose()
    {
        foreach (var socket in new NetMQSocket[] { _shell, _control, _iopub })
        {
            socket.Options.Linger = TimeSpan.Zero;
            socket.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
