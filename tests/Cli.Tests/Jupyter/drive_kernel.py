"""Drives the NotebookKeras kernel through Jupyter's own client library (jupyter_client) and checks every reply.

Usage: JUPYTER_PATH=<folder holding kernels/nkeras> python3 drive_kernel.py
Exits non-zero with a message naming the failed check. Run by tests/Cli.Tests/Jupyter/JupyterClientTests.cs.
"""
import sys
import time

from jupyter_client.manager import start_new_kernel

TIMEOUT = 120


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def shell_reply(client, timeout=TIMEOUT):
    """The next shell reply, past the kernel_info replies that start_new_kernel's readiness polling may have left queued."""
    while True:
        reply = client.get_shell_msg(timeout=timeout)
        if reply["msg_type"] != "kernel_info_reply":
            return reply


def run(client, code, timeout=TIMEOUT):
    """Executes code; returns (reply content, iopub messages up to idle)."""
    msg_id = client.execute(code)
    reply = shell_reply(client, timeout)
    check(reply["parent_header"]["msg_id"] == msg_id, f"execute_reply answers its request: {code!r}")
    messages = []
    while True:
        msg = client.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        messages.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return reply["content"], messages


def of_type(messages, kind):
    return [m for m in messages if m["msg_type"] == kind]


def main():
    manager, client = start_new_kernel(kernel_name="nkeras", startup_timeout=TIMEOUT)
    try:
        # kernel_info
        client.kernel_info()
        info = client.get_shell_msg(timeout=TIMEOUT)["content"]
        check(info["status"] == "ok", "kernel_info_reply status ok")
        check(info["protocol_version"] == "5.3", f"protocol 5.3, got {info['protocol_version']}")
        check(info["language_info"]["name"] == "C#", "language C#")

        # execute with a result; state carries across cells
        reply, messages = run(client, "var answer = 6 * 7;")
        check(reply["status"] == "ok", f"first cell ok: {reply}")
        reply, messages = run(client, "answer")
        results = of_type(messages, "execute_result")
        check(len(results) == 1 and results[0]["content"]["data"]["text/plain"] == "42", f"execute_result 42: {results}")
        check(of_type(messages, "execute_input")[0]["content"]["code"] == "answer", "execute_input echoes the code")

        # stdout
        reply, messages = run(client, 'Console.WriteLine("hello from C#");')
        streams = of_type(messages, "stream")
        check(any("hello from C#" in s["content"]["text"] and s["content"]["name"] == "stdout" for s in streams), f"stdout stream: {streams}")

        # a display, then an update of it in place
        reply, messages = run(client, 'var handle = Display("step 0"); handle.Update("step 1");')
        check(reply["status"] == "ok", f"display cell ok: {reply}")
        displays, updates = of_type(messages, "display_data"), of_type(messages, "update_display_data")
        check(len(displays) == 1 and len(updates) == 1, f"one display_data and one update_display_data: {[m['msg_type'] for m in messages]}")
        display_id = displays[0]["content"]["transient"]["display_id"]
        check(updates[0]["content"]["transient"]["display_id"] == display_id, "the update names the display's id")
        check("step 1" in updates[0]["content"]["data"]["text/plain"], "the update carries the new value")

        # a model displays as HTML too
        reply, messages = run(client, "var model = Sequential(Input([4]), Dense(3)); model")
        results = of_type(messages, "execute_result")
        check(len(results) == 1 and "text/html" in results[0]["content"]["data"], f"a model has an HTML form: {results}")

        # a fit is one live output: a display_data, then update_display_data with its id, with the HTML bar and Keras's text
        fit = """
var fx = Tensor.FromArray(Enumerable.Range(0, 512 * 4).Select(i => (float)Math.Sin(i)).ToArray(), 512, 4);
var fy = Tensor.FromArray(Enumerable.Range(0, 512 * 3).Select(i => (float)Math.Cos(i)).ToArray(), 512, 3);
var fm = Sequential(Input([4]), Dense(3));
fm.Compile(optimizer: "sgd", loss: "mse");
var slow = new LambdaCallback(onTrainBatchEnd: (batch, logs) => System.Threading.Thread.Sleep(1));
fm.Fit(fx, fy, epochs: 2, batchSize: 4, callbacks: [slow]);
"""
        reply, messages = run(client, fit)
        check(reply["status"] == "ok", f"fit cell ok: {reply}")
        displays, updates = of_type(messages, "display_data"), of_type(messages, "update_display_data")
        check(len(displays) == 1 and len(updates) >= 1, f"a fit shows one display and updates it: {[m['msg_type'] for m in messages]}")
        display_id = displays[0]["content"]["transient"]["display_id"]
        check(all(u["content"]["transient"]["display_id"] == display_id for u in updates), "every update names the fit's display")
        check(all('class="nk-progress-bar"' in u["content"]["data"]["text/html"] for u in updates), "every update has the HTML bar")
        final = updates[-1]["content"]["data"]["text/plain"]
        check(final.startswith("Epoch 1/2\n") and final.splitlines()[-1].startswith("128/128 "), f"the final rendering has Keras's lines: {final!r}")
        check(not any("Epoch" in s["content"]["text"] for s in of_type(messages, "stream")), "no progress text on stdout")

        # an error
        reply, messages = run(client, 'throw new InvalidOperationException("boom");')
        check(reply["status"] == "error" and "InvalidOperationException" in reply["ename"], f"error reply: {reply}")
        errors = of_type(messages, "error")
        check(len(errors) == 1 and "boom" in errors[0]["content"]["evalue"], f"error on iopub: {errors}")
        reply, messages = run(client, 'var undefinedUse = notDefined + 1;')
        check(reply["status"] == "error" and "CS0103" in " ".join(reply["traceback"]) + reply["evalue"], f"compile error: {reply}")

        # completion
        code = "model.Fi"
        client.complete(code, len(code))
        completion = shell_reply(client)["content"]
        check(completion["status"] == "ok" and "Fit" in completion["matches"], f"completion offers Fit: {completion['matches'][:20]}")
        check(completion["cursor_end"] == len(code) and completion["cursor_start"] == len("model."), f"completion range: {completion}")

        # is_complete
        client.is_complete("if (answer > 0) {")
        check(shell_reply(client)["content"]["status"] == "incomplete", "an open brace is incomplete")

        # an interrupt during a long fit stops it at a batch boundary and leaves a usable model
        setup = """
var rng = new Random(1);
var x = Tensor.FromArray(Enumerable.Range(0, 4096 * 4).Select(_ => (float)rng.NextDouble()).ToArray(), 4096, 4);
var y = Tensor.FromArray(Enumerable.Range(0, 4096 * 3).Select(_ => (float)rng.NextDouble()).ToArray(), 4096, 3);
model.Compile(optimizer: "sgd", loss: "mse");
"""
        reply, _ = run(client, setup)
        check(reply["status"] == "ok", f"fit setup ok: {reply}")
        msg_id = client.execute("model.Fit(x, y, epochs: 100000, batchSize: 8, verbose: 0);")
        time.sleep(3)
        manager.interrupt_kernel()
        reply = shell_reply(client)
        check(reply["parent_header"]["msg_id"] == msg_id, "the interrupted cell replies")
        check(reply["content"]["status"] in ("error", "ok"), f"interrupted fit ends: {reply['content']}")
        reply, messages = run(client, "model.Predict(x).Shape.ToString()")
        check(reply["status"] == "ok", f"the model still predicts after the interrupt: {reply}")

        # shutdown
        client.shutdown()
        shutdown = client.get_control_msg(timeout=TIMEOUT) if hasattr(client, "get_control_msg") else None
        if shutdown is not None:
            check(shutdown["msg_type"] == "shutdown_reply" and shutdown["content"]["status"] == "ok", f"shutdown reply: {shutdown}")
        deadline = time.time() + 30
        while manager.is_alive() and time.time() < deadline:
            time.sleep(0.2)
        check(not manager.is_alive(), "the kernel process exits after shutdown")
        print("jupyter_client: all checks passed")
    finally:
        client.stop_channels()
        if manager.is_alive():
            manager.shutdown_kernel(now=True)


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print(f"FAILED: {e}", file=sys.stderr)
        sys.exit(1)
