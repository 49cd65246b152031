using System.Net.Sockets;
using System.Text.Json.Nodes;
using NetMQ;
using NotebookKeras.Kernel.Jupyter;

namespace NotebookKeras.Kernel.Tests.Jupyter;

public sealed class JupyterKernelTests : IDisposable
{
    private const string Key = "a0436f6c-1916-498b-8eb9-e81ab9368e84";

    private readonly FakeSession _session = new();
    private readonly ConnectionInfo _connection = JupyterClient.FreeConnection(Key);
    private readonly JupyterKernel _kernel;
    private readonly Thread _serving;
    private readonly JupyterClient _client;

    public JupyterKernelTests()
    {
        _kernel = new JupyterKernel(_connection, _session);
        _serving = new Thread(_kernel.Run) { IsBackground = true };
        _serving.Start();
        _client = new JupyterClient(_connection, Key);
        _client.WaitForIopub();
    }

    public void Dispose()
    {
        _kernel.Stop();
        _serving.Join(TimeSpan.FromSeconds(5));
        _client.Dispose();
        _kernel.Dispose();
    }

    [Fact]
    public void KernelInfoDescribesTheCSharpKernel()
    {
        var request = _client.Send("kernel_info_request", []);
        var reply = _client.Reply()!;
        Assert.Equal("kernel_info_reply", reply.MessageType);
        Assert.Equal("ok", reply.Content["status"]!.GetValue<string>());
        Assert.Equal("5.3", reply.Content["protocol_version"]!.GetValue<string>());
        Assert.Equal("C#", reply.Content["language_info"]!["name"]!.GetValue<string>());
        Assert.Equal(request.Header["msg_id"]!.GetValue<string>(), reply.ParentHeader["msg_id"]!.GetValue<string>());
        Assert.Equal(["status", "status"], _client.IopubUntilIdle(request).Select(m => m.MessageType));
    }

    [Fact]
    public void ExecuteBroadcastsInputOutputsAndResultInOrder()
    {
        var print = _client.Send("execute_request", Execute("print hello"));
        Assert.Equal("ok", _client.Reply()!.Content["status"]!.GetValue<string>());
        var printed = _client.IopubUntilIdle(print);
        Assert.Equal(["status", "execute_input", "stream", "status"], printed.Select(m => m.MessageType));
        Assert.Equal("hello\n", printed[2].Content["text"]!.GetValue<string>());
        Assert.Equal("stdout", printed[2].Content["name"]!.GetValue<string>());
        Assert.Equal(1, printed[1].Content["execution_count"]!.GetValue<int>());

        var show = _client.Send("execute_request", Execute("show step"));
        _client.Reply();
        var shown = _client.IopubUntilIdle(show);
        Assert.Equal(["status", "execute_input", "display_data", "update_display_data", "status"], shown.Select(m => m.MessageType));
        Assert.Equal("progress", shown[2].Content["transient"]!["display_id"]!.GetValue<string>());
        Assert.Equal("step 1", shown[3].Content["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal("progress", shown[3].Content["transient"]!["display_id"]!.GetValue<string>());

        var value = _client.Send("execute_request", Execute("value 42"));
        var reply = _client.Reply()!;
        Assert.Equal(3, reply.Content["execution_count"]!.GetValue<int>());
        var result = _client.IopubUntilIdle(value).Single(m => m.MessageType == "execute_result");
        Assert.Equal("42", result.Content["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal("<b>42</b>", result.Content["data"]!["text/html"]!.GetValue<string>());
        Assert.Equal(3, result.Content["execution_count"]!.GetValue<int>());
    }

    [Fact]
    public void ErrorsGoToIopubAndTheReply()
    {
        var request = _client.Send("execute_request", Execute("fail boom"));
        var reply = _client.Reply()!;
        Assert.Equal("error", reply.Content["status"]!.GetValue<string>());
        Assert.Equal("InvalidOperationException", reply.Content["ename"]!.GetValue<string>());
        Assert.Equal("boom", reply.Content["evalue"]!.GetValue<string>());
        var error = _client.IopubUntilIdle(request).Single(m => m.MessageType == "error");
        Assert.Equal(2, error.Content["traceback"]!.AsArray().Count);
    }

    [Fact]
    public void SilentExecutionPublishesNothingAndKeepsTheCount()
    {
        var request = _client.Send("execute_request", Execute("print quiet", silent: true));
        var reply = _client.Reply()!;
        Assert.Equal("ok", reply.Content["status"]!.GetValue<string>());
        Assert.Equal(0, reply.Content["execution_count"]!.GetValue<int>());
        Assert.Equal(["status", "status"], _client.IopubUntilIdle(request).Select(m => m.MessageType));
    }

    [Fact]
    public void WronglySignedAndUnsignedMessagesAreNeverExecuted()
    {
        using (var forger = new JupyterClient(_connection, "not-the-key"))
        {
            forger.Send("execute_request", Execute("print forged"));
            Assert.Null(forger.Reply(timeout: TimeSpan.FromSeconds(1)));
        }
        using (var anonymous = new JupyterClient(_connection, ""))
        {
            anonymous.Send("execute_request", Execute("print unsigned"));
            Assert.Null(anonymous.Reply(timeout: TimeSpan.FromSeconds(1)));
        }
        var garbage = new NetMQMessage();
        garbage.Append("<IDS|MSG>");
        garbage.Append("deadbeef");
        _client.SendFrames(garbage);

        _client.Send("execute_request", Execute("print genuine"));
        Assert.Equal("ok", _client.Reply()!.Content["status"]!.GetValue<string>());
        lock (_session.Executed) Assert.Equal(["print genuine"], _session.Executed);
    }

    [Fact]
    public void InterruptOnTheControlChannelCancelsTheRunningCell()
    {
        _client.Send("execute_request", Execute("wait"));
        Thread.Sleep(300);
        _client.Send("interrupt_request", [], control: true);
        Assert.Equal("interrupt_reply", _client.Reply(control: true)!.MessageType);
        var reply = _client.Reply()!;
        Assert.Equal("error", reply.Content["status"]!.GetValue<string>());
        Assert.Equal("OperationCanceledException", reply.Content["ename"]!.GetValue<string>());

        _client.Send("execute_request", Execute("value after"));
        Assert.Equal("ok", _client.Reply()!.Content["status"]!.GetValue<string>());
    }

    [Fact]
    public void CompletionInspectionAndIsCompleteUseCodePointPositions()
    {
        // "𝑥" is one code point but two UTF-16 units: positions before and after it differ between the two counts.
        const string Code = "var 𝑥 = model.Fi";
        _client.Send("complete_request", new JsonObject { ["code"] = Code, ["cursor_pos"] = 16 });
        var complete = _client.Reply()!;
        Assert.Equal(["Fit", "FitAsync"], complete.Content["matches"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(14, complete.Content["cursor_start"]!.GetValue<int>());
        Assert.Equal(16, complete.Content["cursor_end"]!.GetValue<int>());

        _client.Send("inspect_request", new JsonObject { ["code"] = "model.Fit", ["cursor_pos"] = 8, ["detail_level"] = 0 });
        var inspect = _client.Reply()!;
        Assert.True(inspect.Content["found"]!.GetValue<bool>());
        Assert.Equal("Fit(x, y, epochs)", inspect.Content["data"]!["text/plain"]!.GetValue<string>());

        _client.Send("is_complete_request", new JsonObject { ["code"] = "for (;;) {" });
        var incomplete = _client.Reply()!;
        Assert.Equal("incomplete", incomplete.Content["status"]!.GetValue<string>());
        Assert.Equal("    ", incomplete.Content["indent"]!.GetValue<string>());
    }

    [Fact]
    public void ShutdownRepliesAndStopsServing()
    {
        _client.Send("shutdown_request", new JsonObject { ["restart"] = false }, control: true);
        var reply = _client.Reply(control: true)!;
        Assert.Equal("shutdown_reply", reply.MessageType);
        Assert.False(reply.Content["restart"]!.GetValue<bool>());
        Assert.True(_serving.Join(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void TheKernelListensOnlyOnTheConnectionFileAddress()
    {
        // 127.0.0.2 is the loopback interface too: a socket bound to every address would accept it, one bound to 127.0.0.1 refuses.
        foreach (var port in new[] { _connection.ShellPort, _connection.ControlPort, _connection.IopubPort, _connection.HeartbeatPort, _connection.StdinPort })
        {
            using (var allowed = new TcpClient())
                allowed.Connect("127.0.0.1", port);
            using var other = new TcpClient();
            var refused = Assert.Throws<SocketException>(() => other.Connect("127.0.0.2", port));
            Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        }
    }

    private static JsonObject Execute(string code, bool silent = false) => new()
    {
        ["code"] = code,
        ["silent"] = silent,
        ["store_history"] = !silent,
        ["user_expressions"] = new JsonObject(),
        ["allow_stdin"] = false,
        ["stop_on_error"] = true,
    };
}
