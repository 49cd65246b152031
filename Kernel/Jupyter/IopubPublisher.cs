using System.Text.Json.Nodes;
using NetMQ;
using NetMQ.Sockets;

namespace NotebookKeras.Kernel.Jupyter;

/// <summary>
/// The iopub channel: broadcasts status, inputs and outputs to every front end. Outputs may come from any thread while a cell
/// runs, so sends are serialized by a lock (a ZeroMQ socket must never be used by two threads at once).
/// </summary>
internal sealed class IopubPublisher(PublisherSocket socket, MessageSigner signer, string session)
{
    private readonly Lock _gate = new();

    public void Publish(string messageType, JsonObject content, JupyterMessage? parent)
    {
        // The topic frame lets subscribers filter; front ends subscribe to everything.
        var message = JupyterMessage.Create(messageType, content, parent, session, [System.Text.Encoding.ASCII.GetBytes($"kernel.{session}.{messageType}")]);
        var frames = WireFormat.Encode(message, signer);
        lock (_gate) socket.SendMultipartMessage(frames);
    }

    public void Status(string state, JupyterMessage? parent) => Publish("status", new JsonObject { ["execution_state"] = state }, parent);
}
