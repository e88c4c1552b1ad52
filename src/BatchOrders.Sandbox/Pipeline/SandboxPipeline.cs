using System.Diagnostics;
using BatchOrders.Sandbox.Carts;
using BatchOrders.Sandbox.Customers;
using BatchOrders.Sandbox.Faults;
using BatchOrders.Sandbox.Idempotency;
using BatchOrders.Sandbox.Orders;
using BatchOrders.Sandbox.Throttling;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BatchOrders.Sandbox.Pipeline;

/// <summary>
/// What every <c>/v1/</c> request goes through, in this order: bearer token (401/403), the seeded decision (429 storm,
/// the rate limit of the request's operation family, fault, latency), latency, faults that strike before processing (500, 503, hang, drop), header and
/// customer checks, idempotency, the order book or the cart book, and finally the answer — or, for "answer lost", the
/// commit and then an aborted connection. One log line per request.
/// </summary>
internal sealed partial class SandboxPipeline(
    BearerToken bearer,
    FaultPlan faults,
    IdempotencyGate idempotency,
    OrderBook orders,
    CartBook carts,
    CustomerDirectory customers,
    SandboxOptions options,
    SandboxStatsCollector stats,
    TimeProvider time,
    ILogger logger,
    CancellationToken stopping)
{
    internal const int MaxBodyBytes = 1024 * 1024;
    private const string RequestIdHeader = "MS-RequestId";
    private const string CorrelationIdHeader = "MS-CorrelationId";

    /// <summary>Handles one <c>/v1/</c> request; a <see cref="OrderOperation.Read"/> is answered by <paramref name="read"/> (given the request and its body).</summary>
    public async Task HandleAsync(HttpContext http, OrderOperation operation, Func<HttpContext, ReadOnlyMemory<byte>, SandboxAnswer>? read = null)
    {
        var started = Stopwatch.GetTimestamp();
        var family = ThrottleFamilies.Of(http);
        FaultDecision? decision = null;
        SandboxAnswer? answer = null;
        int? status = null;
        var recorded = false;
        try
        {
            var (partnerKey, authError) = bearer.Authenticate(http.Request.Headers.Authorization);
            if (authError is not null)
            {
                answer = authError;
                status = await AnswerAsync(answer);
                return;
            }

            decision = faults.Decide(partnerKey!, family, http.Request.RouteValues["customerId"] as string, http.Request.Method, http.Request.Path, out var retryAfter);
            if (decision.Fault is FaultKind.Storm or FaultKind.RateLimited)
            {
                answer = SandboxAnswer.TooManyRequests(retryAfter);
                status = await AnswerAsync(answer);
                return;
            }

            if (decision.Latency > TimeSpan.Zero || decision.Fault == FaultKind.Hang)
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
                await Task.Delay(decision.Fault == FaultKind.Hang ? Timeout.InfiniteTimeSpan : decision.Latency, time, linked.Token);
            }

            switch (decision.Fault)
            {
                case FaultKind.ServerError:
                    answer = SandboxAnswer.Error(500, ErrorCodes.UnexpectedError, "An unexpected error occurred while processing the request. Try again later.");
                    status = await AnswerAsync(answer);
                    return;
                case FaultKind.ServiceUnavailable:
                    answer = SandboxAnswer.Error(503, ErrorCodes.ServiceUnavailable, "The service is temporarily unavailable. Try again later.");
                    status = await AnswerAsync(answer);
                    return;
                case FaultKind.DropConnection:
                    http.Abort();
                    return;
            }

            answer = await ProcessAsync(http, operation, partnerKey!, read);
            if (decision.Fault == FaultKind.AnswerLost)
            {
                http.Abort();
                return;
            }

            status = await AnswerAsync(answer);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested || stopping.IsCancellationRequested)
        {
            // The client gave up (a hang or latency outlived its time-out) or the sandbox is stopping.
            http.Abort();
        }
        catch (IOException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away while its body was being read.
            http.Abort();
        }
        catch (BadHttpRequestException e) when (!http.Response.HasStarted)
        {
            answer = SandboxAnswer.Error(e.StatusCode == 413 ? 413 : 400, ErrorCodes.InvalidInput,
                $"The request could not be read: {e.Message} (a body may carry at most {MaxBodyBytes} bytes).");
            status = await AnswerAsync(answer);
        }
        catch (Exception e) when (!http.Response.HasStarted)
        {
            // A sandbox bug: answer as the service would (500, 800003) and log it with its stack trace.
            LogUnexpected(logger, http.Request.Method, http.Request.Path.Value ?? "", e);
            answer = SandboxAnswer.Error(500, ErrorCodes.UnexpectedError, "An unexpected error occurred in the sandbox.");
            status = await AnswerAsync(answer);
        }
        finally
        {
            if (!recorded)
            {
                stats.Record(family, null, decision, answer);
            }

            if (options.RequestLogLevel != LogLevel.None && logger.IsEnabled(options.RequestLogLevel))
            {
                var outcome = status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? SandboxStatsCollector.Aborted;
                var latencyMs = (long)(decision?.Latency.TotalMilliseconds ?? 0);
                var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                LogRequest(logger, options.RequestLogLevel, http.Request.Method, http.Request.Path.Value ?? "", outcome,
                    decision?.Fault ?? FaultKind.None, latencyMs, answer?.Replayed == true, elapsedMs);
            }
        }

        // The request is counted before its answer's last byte leaves: a client that reads the stats the moment its
        // answer arrives sees its own request. An answer that could not be written is counted as aborted instead.
        async Task<int> AnswerAsync(SandboxAnswer written)
        {
            recorded = true;
            stats.Record(family, written.StatusCode, decision, written);
            try
            {
                await WriteAsync(http, written);
            }
            catch
            {
                stats.Unanswered(written.StatusCode);
                throw;
            }

            return written.StatusCode;
        }
    }

    private async Task<SandboxAnswer> ProcessAsync(HttpContext http, OrderOperation operation, string partnerKey,
        Func<HttpContext, ReadOnlyMemory<byte>, SandboxAnswer>? read)
    {
        if (!TryReadGuidHeader(http, RequestIdHeader, out var requestId, out var headerError)
            || !TryReadGuidHeader(http, CorrelationIdHeader, out var correlationId, out headerError))
        {
            return headerError!;
        }

        var rawCustomer = http.Request.RouteValues["customerId"] as string ?? "";
        var orderId = http.Request.RouteValues["orderId"] as string;
        if (operation == OrderOperation.Unknown)
        {
            return SandboxAnswer.Error(404, ErrorCodes.InvalidInput, $"No resource is served at {http.Request.Method} {http.Request.Path}.");
        }

        if (operation == OrderOperation.Read)
        {
            // Reads change nothing: no idempotency store, a body only for the POSTs that read (eligibilities, resellers).
            return read!(http, HttpMethods.IsPost(http.Request.Method) ? await ReadBodyAsync(http) : ReadOnlyMemory<byte>.Empty);
        }

        if (operation is OrderOperation.CreateCart or OrderOperation.GetCart or OrderOperation.CheckoutCart or OrderOperation.UpdateCart)
        {
            return await ProcessCartAsync(http, operation, partnerKey, rawCustomer, requestId, correlationId);
        }

        var body = operation is OrderOperation.Create or OrderOperation.Patch ? await ReadBodyAsync(http) : ReadOnlyMemory<byte>.Empty;
        if (operation is OrderOperation.Get or OrderOperation.List)
        {
            return CheckCustomer(rawCustomer, transacts: false, out var customer) ?? (operation == OrderOperation.Get
                ? orders.Get(customer, orderId!)
                : orders.List(customer, http.Request.Query["billingType"]));
        }

        var route = $"/v1/customers/{rawCustomer.ToLowerInvariant()}/orders" + (orderId is null ? "" : "/" + orderId);
        return await idempotency.ExecuteAsync(partnerKey, requestId, http.Request.Method, route, body, answerKey =>
        {
            if (CheckCustomer(rawCustomer, transacts: true, out var customer) is { } customerError)
            {
                return ValueTask.FromResult(customerError);
            }

            var context = new OrderContext(customer, orderId, requestId, correlationId, body);
            return ValueTask.FromResult(operation == OrderOperation.Create ? orders.Create(context, answerKey) : orders.Patch(context, answerKey));
        });
    }

    private async Task<SandboxAnswer> ProcessCartAsync(HttpContext http, OrderOperation operation, string partnerKey, string rawCustomer,
        Guid? requestId, Guid? correlationId)
    {
        var cartId = http.Request.RouteValues["cartId"] as string;
        if (operation == OrderOperation.GetCart)
        {
            return CheckCustomer(rawCustomer, transacts: false, out var customer) ?? carts.Get(customer, cartId!);
        }

        // A checkout has no body ("Content-Length: 0"); whatever a client sends with it is not part of the request.
        var body = operation is OrderOperation.CreateCart or OrderOperation.UpdateCart ? await ReadBodyAsync(http) : ReadOnlyMemory<byte>.Empty;
        var route = $"/v1/customers/{rawCustomer.ToLowerInvariant()}/carts" + (cartId is null ? ""
            : operation == OrderOperation.UpdateCart ? $"/{cartId.ToLowerInvariant()}" : $"/{cartId.ToLowerInvariant()}/checkout");
        return await idempotency.ExecuteAsync(partnerKey, requestId, http.Request.Method, route, body, async answerKey =>
        {
            // The account status is checked when something is bought (checkout), not while a cart is put together.
            if (CheckCustomer(rawCustomer, transacts: operation == OrderOperation.CheckoutCart, out var customer) is { } customerError)
            {
                return customerError;
            }

            var context = new CartContext(customer, cartId, requestId, correlationId, body);
            return operation switch
            {
                OrderOperation.CreateCart => carts.Create(context, answerKey),
                OrderOperation.UpdateCart => carts.Update(context, answerKey),
                _ => await carts.CheckoutAsync(context, answerKey, stopping),
            };
        });
    }

    /// <summary>
    /// 400 for a customer id that is not a GUID, 404 60003 for an unknown customer, 403 20002 for one that is not the
    /// partner's; and for a request that buys (<paramref name="transacts"/>), 403 800073–800075 when the customer's
    /// account status keeps it from transacting.
    /// </summary>
    private SandboxAnswer? CheckCustomer(string rawCustomer, bool transacts, out Guid customerId)
    {
        var (customer, refusal) = customers.Access(rawCustomer);
        customerId = customer?.Id ?? Guid.Empty;
        return refusal ?? (transacts ? CustomerDirectory.CheckMayTransact(customer!) : null);
    }

    private static bool TryReadGuidHeader(HttpContext http, string name, out Guid? value, out SandboxAnswer? error)
    {
        value = null;
        error = null;
        if (!http.Request.Headers.TryGetValue(name, out var raw) || string.IsNullOrWhiteSpace(raw))
        {
            return true;
        }

        if (raw.Count == 1 && Guid.TryParse(raw[0], out var parsed))
        {
            value = parsed;
            return true;
        }

        error = SandboxAnswer.Error(400, ErrorCodes.InvalidInput, $"The {name} header must be a single GUID; got '{raw}'.");
        return false;
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static async Task WriteAsync(HttpContext http, SandboxAnswer answer)
    {
        var response = http.Response;
        response.StatusCode = answer.StatusCode;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = answer.Body.Length;
        foreach (var name in new[] { RequestIdHeader, CorrelationIdHeader })
        {
            if (http.Request.Headers.TryGetValue(name, out var value))
            {
                response.Headers[name] = value;
            }
        }

        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            response.Headers[name] = value;
        }

        await response.Body.WriteAsync(answer.Body, http.RequestAborted);
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "{Method} {Path} failed in the sandbox")]
    private static partial void LogUnexpected(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(EventId = 1, Message = "{Method} {Path} -> {Status} fault={Fault} latency={LatencyMs}ms replay={Replayed} in {ElapsedMs}ms")]
    private static partial void LogRequest(ILogger logger, LogLevel level, string method, string path, string status,
        FaultKind fault, long latencyMs, bool replayed, long elapsedMs);
}
