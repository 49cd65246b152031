using System.Reflection;
using System.Text.Json.Nodes;
using NetMQ;
using NetMQ.Sockets;
using NotebookKeras.Kernel.Execution;

namespace NotebookKeras.Kernel.Jupyter;

/// <summary>
/// A Jupyter kernel (messaging protocol 5.3) over NetMQ, managed ZeroMQ: shell, control, iopub, stdin and heartbeat sockets bound
/// to the connection file's address only; every incoming message's HMAC is verified before it is handled. Cells run one at a time
/// on the shell thread through an <see cref="ICodeSession"/>; the control thread stays responsive, so interrupt_request cancels
/// the running cell and shutdown_request stops the kernel.
/// </summary>
public sealed class JupyterKernel : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly ICodeSession _session;
    private readonly TextWriter _log;
    private readonly MessageSigner _signer;
    private readonly string _sessionId = Guid.NewGuid().ToString("N");
    private readonly RouterSocket _shell = new();
    private readonly RouterSocket _control = new();
    private readonly RouterSocket _stdin = new();
    private readonly PublisherSocket _iopubSocket = new();
    private readonly ResponseSocket _heartbeat = new();
    private readonly IopubPublisher _iopub;
    private readonly CancellationTokenSource _stopping = new();
    private CancellationTokenSource? _runningCell;
    private int _executionCount;

    /// <summary>Binds the five sockets at once, so a taken port fails here, naming the endpoint.</summary>
    public JupyterKernel(ConnectionInfo connection, ICodeSession session, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _session = session ?? throw new ArgumentNullException(nameof(session));
        _log = log ?? TextWriter.Null;
        _signer = new MessageSigner(connection.Key);
        if (!_signer.Enabled) _log.WriteLine("nkeras kernel: the connection file has no key; messages are not authenticated.");
        Bind(_shell, connection.Endpoint(connection.ShellPort));
        Bind(_control, connection.Endpoint(connection.ControlPort));
        Bind(_stdin, connection.Endpoint(connection.StdinPort));
        Bind(_iopubSocket, connection.Endpoint(connection.IopubPort));
        Bind(_heartbeat, connection.Endpoint(connection.HeartbeatPort));
        _iopub = new IopubPublisher(_iopubSocket, _signer, _sessionId);
    }

    /// <summary>True once a shutdown was requested (by a front end or <see cref="Stop"/>).</summary>
    public bool IsStopping => _stopping.IsCancellationRequested;

    /// <summary>Serves until a shutdown_request arrives or <see cref="Stop"/> is called.</summary>
    public void Run()
    {
        var control = new Thread(() => Serve(_control)) { IsBackground = true, Name = "nkeras control" };
        var heartbeat = new Thread(Heartbeat) { IsBackground = true, Name = "nkeras heartbeat" };
        control.Start();
        heartbeat.Start();
        _iopub.Status("starting", null);
        Serve(_shell);
        control.Join();
        heartbeat.Join();
    }

    /// <summary>Stops serving and cancels the running cell.</summary>
    public void Stop()
    {
        _stopping.Cancel();
        CancelRunningCell();
    }

    public void Dispose()
    {
        Stop();
        foreach (var socket in new NetMQSocket[] { _shell, _control, _stdin, _iopubSocket, _heartbeat }) socket.Dispose();
        _stopping.Dispose();
    }

    private void Bind(NetMQSocket socket, string endpoint)
    {
        socket.Options.Linger = TimeSpan.Zero;
        try
        {
            socket.Bind(endpoint);
        }
        catch (NetMQException e)
        {
            throw new IOException($"nkeras kernel: cannot bind {endpoint}: {e.Message}", e);
        }
    }

    private void Serve(RouterSocket socket)
    {
        while (!IsStopping)
        {
            NetMQMessage? frames = null;
            if (!socket.TryReceiveMultipartMessage(PollInterval, ref frames)) continue;
            var request = WireFormat.Decode(frames!, _signer, out var problem);
            if (request is null)
            {
                _log.WriteLine($"nkeras kernel: {problem}");
                continue;
            }
            _iopub.Status("busy", request);
            try
            {
                Handle(socket, request);
            }
            catch (Exception e)
            {
                _log.WriteLine($"nkeras kernel: {request.MessageType} failed: {e}");
            }
            finally
            {
                _iopub.Status("idle", request);
            }
        }
    }

    private void Heartbeat()
    {
        while (!IsStopping)
        {
            NetMQMessage? ping = null;
            if (_heartbeat.TryReceiveMultipartMessage(PollInterval, ref ping)) _heartbeat.SendMultipartMessage(ping!);
        }
    }

    private void Handle(RouterSocket socket, JupyterMessage request)
    {
        switch (request.MessageType)
        {
            case "kernel_info_request": Reply(socket, request, "kernel_info_reply", KernelInfo()); break;
            case "execute_request": Execute(socket, request); break;
            case "complete_request": Complete(socket, request); break;
            case "inspect_request": Inspect(socket, request); break;
            case "is_complete_request": IsComplete(socket, request); break;
            case "comm_info_request": Reply(socket, request, "comm_info_reply", Ok(new JsonObject { ["comms"] = new JsonObject() })); break;
            case "history_request": Reply(socket, request, "history_reply", Ok(new JsonObject { ["history"] = new JsonArray() })); break;
            case "interrupt_request":
                CancelRunningCell();
                Reply(socket, request, "interrupt_reply", Ok([]));
                break;
            case "shutdown_request":
                var restart = request.Content["restart"]?.GetValue<bool>() ?? false;
                Reply(socket, request, "shutdown_reply", Ok(new JsonObject { ["restart"] = restart }));
                _iopub.Publish("shutdown_reply", new JsonObject { ["status"] = "ok", ["restart"] = restart }, request);
                Stop();
                break;
            case "comm_open" or "comm_msg" or "comm_close":
                break; // no comm targets: the protocol says to ignore them
            default:
                _log.WriteLine($"nkeras kernel: unsupported message type '{request.MessageType}' ignored.");
                break;
        }
    }

    private void Execute(RouterSocket socket, JupyterMessage request)
    {
        var code = request.Content["code"]?.GetValue<string>() ?? "";
        var silent = request.Content["silent"]?.GetValue<bool>() ?? false;
        var storeHistory = !silent && (request.Content["store_history"]?.GetValue<bool>() ?? true);
        if (storeHistory) _executionCount++;
        var count = _executionCount;
        if (!silent) _iopub.Publish("execute_input", new JsonObject { ["code"] = code, ["execution_count"] = count }, request);

        using var cell = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        Volatile.Write(ref _runningCell, cell);
        ExecutionResult result;
        try
        {
            IOutputSink sink = silent ? new SilentSink() : new IopubOutputSink(_iopub, request);
            result = _session.ExecuteAsync(code, sink, cell.Token).GetAwaiter().GetResult();
        }
        finally
        {
            Volatile.Write(ref _runningCell, null);
        }

        if (result.Error is { } error)
        {
            var content = new JsonObject
            {
                ["ename"] = error.Name,
                ["evalue"] = error.Value,
                ["traceback"] = new JsonArray(error.Traceback.Select(line => (JsonNode)line).ToArray()),
            };
            if (!silent) _iopub.Publish("error", (JsonObject)content.DeepClone(), request);
            content["status"] = "error";
            content["execution_count"] = count;
            Reply(socket, request, "execute_reply", content);
            return;
        }
        if (result.Value is { } value && !silent)
        {
            _iopub.Publish("execute_result", new JsonObject
            {
                ["execution_count"] = count,
                ["data"] = IopubOutputSink.Data(value),
                ["metadata"] = new JsonObject(),
            }, request);
        }
        Reply(socket, request, "execute_reply", Ok(new JsonObject
        {
            ["execution_count"] = count,
            ["user_expressions"] = new JsonObject(),
            ["payload"] = new JsonArray(),
        }));
    }

    private void Complete(RouterSocket socket, JupyterMessage request)
    {
        var (code, cursor) = CodeAndCursor(request);
        var result = _session.CompleteAsync(code, cursor, _stopping.Token).GetAwaiter().GetResult();
        Reply(socket, request, "complete_reply", Ok(new JsonObject
        {
            ["matches"] = new JsonArray(result.Matches.Select(m => (JsonNode)m).ToArray()),
            ["cursor_start"] = CodePoints.FromUtf16Index(code, result.CursorStart),
            ["cursor_end"] = CodePoints.FromUtf16Index(code, result.CursorEnd),
            ["metadata"] = new JsonObject(),
        }));
    }

    private void Inspect(RouterSocket socket, JupyterMessage request)
    {
        var (code, cursor) = CodeAndCursor(request);
        var found = _session.InspectAsync(code, cursor, _stopping.Token).GetAwaiter().GetResult();
        Reply(socket, request, "inspect_reply", Ok(new JsonObject
        {
            ["found"] = found is not null,
            ["data"] = found is null ? new JsonObject() : IopubOutputSink.Data(found),
            ["metadata"] = new JsonObject(),
        }));
    }

    private void IsComplete(RouterSocket socket, JupyterMessage request)
    {
        var code = request.Content["code"]?.GetValue<string>() ?? "";
        var (status, indent) = _session.IsCompleteAsync(code, _stopping.Token).GetAwaiter().GetResult();
        var content = new JsonObject { ["status"] = status };
        if (status == "incomplete") content["indent"] = indent;
        Reply(socket, request, "is_complete_reply", content);
    }

    private static (string Code, int Cursor) CodeAndCursor(JupyterMessage request)
    {
        var code = request.Content["code"]?.GetValue<string>() ?? "";
        var cursor = request.Content["cursor_pos"]?.GetValue<int>() ?? code.Length;
        // Jupyter counts the cursor in Unicode code points; C# strings index UTF-16 units.
        return (code, CodePoints.ToUtf16Index(code, Math.Max(cursor, 0)));
    }

    private void Reply(RouterSocket socket, JupyterMessage request, string messageType, JsonObject content) =>
        socket.SendMultipartMessage(WireFormat.Encode(JupyterMessage.Create(messageType, content, request, _sessionId), _signer));

    private void CancelRunningCell()
    {
        try
        {
            Volatile.Read(ref _runningCell)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The cell ended between the read and the cancel.
        }
    }

    private static JsonObject Ok(JsonObject content)
    {
        content["status"] = "ok";
        return content;
    }

    private static JsonObject KernelInfo() => Ok(new JsonObject
    {
        ["protocol_version"] = JupyterMessage.ProtocolVersion,
        ["implementation"] = "nkeras",
        ["implementation_version"] = typeof(JupyterKernel).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.1.0",
        ["language_info"] = new JsonObject
        {
            ["name"] = "C#",
            ["version"] = "14.0",
            ["mimetype"] = "text/x-csharp",
            ["file_extension"] = ".csx",
            ["pygments_lexer"] = "csharp",
            ["codemirror_mode"] = "text/x-csharp",
        },
        ["banner"] = "NotebookKeras (C#): Keras for .NET notebooks",
        ["help_links"] = new JsonArray(),
    });

    private sealed class SilentSink : IOutputSink
    {
        public void Stream(string name, string text) { }

        public void Display(MimeBundle data, string? displayId) { }

        public void UpdateDisplay(MimeBundle data, string displayId) { }
    }
}
