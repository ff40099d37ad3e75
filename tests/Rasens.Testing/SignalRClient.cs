using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Rasens.Testing;

/// <summary>
/// A hand-made SignalR client (JSON protocol over WebSockets) for tests and benchmarks: the .NET SignalR client
/// does not restore here, and a test of what a hostile client can do needs one that sends whatever it likes.
/// </summary>
public sealed class SignalRClient : IAsyncDisposable
{
    private const char Separator = '\u001e';
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private Task _reading = Task.CompletedTask;
    private Task _pinging = Task.CompletedTask;
    private int _invocation;

    /// <summary>Every message the server invoked on the client: (target, arguments, when it arrived).</summary>
    public ConcurrentQueue<(string Target, JsonElement Arguments, DateTimeOffset At)> Received { get; } = new();

    /// <summary>Called for each invocation from the server, as it arrives (on the reading thread).</summary>
    public Action<string, JsonElement, DateTimeOffset>? OnInvoked { get; set; }

    /// <summary>Negotiates, connects and completes the handshake, sending <paramref name="cookie"/> as the browser would.</summary>
    public static async Task<SignalRClient> ConnectAsync(Uri hub, string cookie, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hub);
        using var http = new HttpClient();
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, new Uri(hub, hub.AbsolutePath.TrimEnd('/') + "/negotiate?negotiateVersion=1"));
        negotiate.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(negotiate, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var token = json.RootElement.GetProperty("connectionToken").GetString();

        var client = new SignalRClient();
        client._socket.Options.SetRequestHeader("Cookie", cookie);
        var socketUri = new UriBuilder(hub) { Scheme = hub.Scheme == "https" ? "wss" : "ws", Query = "id=" + Uri.EscapeDataString(token!) }.Uri;
        await client._socket.ConnectAsync(socketUri, cancellationToken);
        await client.SendRawAsync("{\"protocol\":\"json\",\"version\":1}", cancellationToken);
        var handshake = await client.ReceiveRecordAsync(cancellationToken);
        using (var answer = JsonDocument.Parse(handshake))
        {
            if (answer.RootElement.TryGetProperty("error", out var error))
            {
                throw new InvalidOperationException("Handshake refused: " + error.GetString());
            }
        }

        client._reading = client.ReadLoopAsync();
        client._pinging = client.PingLoopAsync();
        return client;
    }

    /// <summary>Calls a hub method and waits for its result (an error from the hub becomes an exception).</summary>
    public async Task<JsonElement> InvokeAsync(string target, params object?[] arguments)
    {
        var id = Interlocked.Increment(ref _invocation).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        await SendRawAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }), _stop.Token);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using (timeout.Token.Register(() => completion.TrySetException(new TimeoutException($"{target} did not complete."))))
        {
            return await completion.Task;
        }
    }

    public bool IsOpen => _socket.State == WebSocketState.Open;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
            // already gone
        }

        await Task.WhenAll(_reading.ContinueWith(_ => { }, TaskScheduler.Default), _pinging.ContinueWith(_ => { }, TaskScheduler.Default));
        _socket.Dispose();
        _stop.Dispose();
        _sendGate.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var record = await ReceiveRecordAsync(_stop.Token);
                var at = DateTimeOffset.UtcNow;
                using var message = JsonDocument.Parse(record);
                var root = message.RootElement;
                switch (root.GetProperty("type").GetInt32())
                {
                    case 1:
                        var target = root.GetProperty("target").GetString()!;
                        var arguments = root.GetProperty("arguments").Clone();
                        Received.Enqueue((target, arguments, at));
                        OnInvoked?.Invoke(target, arguments, at);
                        break;
                    case 3 when root.TryGetProperty("invocationId", out var id) && _pending.TryRemove(id.GetString()!, out var completion):
                        if (root.TryGetProperty("error", out var error))
                        {
                            completion.TrySetException(new InvalidOperationException(error.GetString()));
                        }
                        else
                        {
                            completion.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : default);
                        }

                        break;
                    case 7:
                        return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // closed
        }
        finally
        {
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new InvalidOperationException("The connection closed."));
            }
        }
    }

    private async Task PingLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), _stop.Token);
                await SendRawAsync("{\"type\":6}", _stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // closed
        }
    }

    private readonly StringBuilder _buffer = new();

    private async Task<string> ReceiveRecordAsync(CancellationToken cancellationToken)
    {
        var chunk = new byte[8192];
        while (true)
        {
            var text = _buffer.ToString();
            var end = text.IndexOf(Separator, StringComparison.Ordinal);
            if (end >= 0)
            {
                _buffer.Remove(0, end + 1);
                return text[..end];
            }

            var result = await _socket.ReceiveAsync(chunk, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException("closed by the server");
            }

            _buffer.Append(Encoding.UTF8.GetString(chunk, 0, result.Count));
        }
    }

    private async Task SendRawAsync(string json, CancellationToken cancellationToken)
    {
        await _sendGate.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(json + Separator), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendGate.Release();
        }
    }
}
