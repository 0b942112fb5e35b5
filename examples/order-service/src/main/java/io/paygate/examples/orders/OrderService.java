package io.paygate.examples.orders;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The shop's HTTP API: {@code POST /orders}, {@code GET /orders/{id}}, {@code POST /orders/{id}/cancel},
 * {@code GET /stock/{sku}} and {@code POST /webhooks} for Paygate's events.
 */
public final class OrderService implements AutoCloseable {

    private static final int BODY_LIMIT = 1 << 20;
    private static final Gson GSON = new GsonBuilder().serializeNulls().create();

    private final Shop shop;
    private final Payments payments;
    private final Webhooks webhooks;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    private OrderService(Config config, List<Product> catalogue) throws IOException {
        this.shop = new Shop(catalogue);
        this.payments = new Payments(config);
        this.webhooks = new Webhooks(config.webhookSecret(), shop);
        this.server = HttpServer.create(new InetSocketAddress(config.port()), 0);
        server.createContext("/orders", exchange -> serve(exchange, this::orders));
        server.createContext("/stock/", exchange -> serve(exchange, this::stock));
        server.createContext("/webhooks", exchange -> serve(exchange, this::webhook));
        server.setExecutor(threads);
    }

    /** Starts the service on {@code config.port()} (0 picks a free port). */
    public static OrderService start(Config config, List<Product> catalogue) throws IOException {
        OrderService service = new OrderService(config, catalogue);
        service.server.start();
        Log.info("order service listening on port %d, Paygate at %s", service.port(), config.paygateUrl());
        return service;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.close();
    }

    private record Reply(int status, Object body) {
        static Reply error(int status, String message) {
            return new Reply(status, Map.of("error", Map.of("message", message)));
        }
    }

    private interface Route {
        Reply handle(String method, String path, String body, HttpExchange exchange);
    }

    private static void serve(HttpExchange exchange, Route route) throws IOException {
        Reply reply;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] raw = in.readNBytes(BODY_LIMIT + 1);
            reply = raw.length > BODY_LIMIT ? Reply.error(413, "Body too large")
                    : route.handle(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    new String(raw, StandardCharsets.UTF_8), exchange);
        } catch (Shop.Refused e) {
            reply = Reply.error(e.status, e.getMessage());
        } catch (RuntimeException e) {
            Log.info("internal error on %s %s: %s", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            reply = Reply.error(500, "Internal error");
        }
        byte[] out = GSON.toJson(reply.body()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(reply.status(), out.length);
        try (var body = exchange.getResponseBody()) {
            body.write(out);
        }
    }

    private Reply orders(String method, String path, String body, HttpExchange exchange) {
        String[] parts = path.split("/");
        if (parts.length == 2 && method.equals("POST")) {
            return place(body);
        }
        if (parts.length == 3 && method.equals("GET")) {
            return shop.order(parts[2]).map(o -> new Reply(200, render(o, null)))
                    .orElseGet(() -> Reply.error(404, "No order " + parts[2]));
        }
        if (parts.length == 4 && parts[3].equals("cancel") && method.equals("POST")) {
            return cancel(parts[2]);
        }
        return Reply.error(404, "No route " + method + " " + path);
    }

    private Reply place(String body) {
        JsonObject request = jsonObject(body);
        String sku = string(request, "sku");
        Integer quantity = request.has("quantity") ? wholeNumber(request.get("quantity")) : Integer.valueOf(1);
        String paymentMethod = string(request, "payment_method");
        if (sku == null || quantity == null) {
            return Reply.error(400, "Expected {\"sku\": \"...\", \"quantity\": N, \"payment_method\": \"pm_...\"}");
        }
        Order order = shop.place(sku, quantity);
        Log.info("order %s placed: %d x %s, %d %s reserved", order.id(), quantity, sku, order.amount(), order.currency());
        Payments.Attempt attempt = payments.charge(order, paymentMethod);
        if (attempt.paymentIntent() == null) {
            // No intent came back, so no event will settle the order: give the stock back now. (Should a
            // timed-out call have made one after all, its events find the order settled and change nothing.)
            Order failed = shop.fail(order.id());
            Log.info("order %s failed: no payment intent from Paygate (%s)", order.id(), attempt.error().getMessage());
            return new Reply(502, Map.of("order", render(failed, null), "error", Map.of("message", attempt.error().getMessage())));
        }
        Order placed = shop.attachPaymentIntent(order.id(), attempt.paymentIntent());
        Log.info("order %s has payment intent %s%s", order.id(), attempt.paymentIntent(),
                attempt.error() == null ? "" : " (" + attempt.error().getMessage() + "; the outcome comes by webhook)");
        return new Reply(201, render(placed, attempt.clientSecret()));
    }

    private Reply cancel(String orderId) {
        Order order = shop.order(orderId).orElse(null);
        if (order == null) {
            return Reply.error(404, "No order " + orderId);
        }
        if (order.status() != Order.Status.AWAITING_PAYMENT || order.paymentIntent() == null) {
            return Reply.error(409, "Order " + orderId + " is " + order.status().wire() + " and cannot be canceled");
        }
        try {
            payments.cancel(order.paymentIntent());
        } catch (StripeException e) {
            Log.info("order %s not canceled: Paygate refused (%s)", orderId, e.getMessage());
            return Reply.error(409, e.getMessage());
        }
        // The stock comes back with the payment_intent.canceled event, the one place orders settle.
        Log.info("order %s: payment intent %s canceled at Paygate", orderId, order.paymentIntent());
        return new Reply(202, render(shop.order(orderId).orElseThrow(), null));
    }

    private Reply stock(String method, String path, String body, HttpExchange exchange) {
        String sku = path.substring("/stock/".length());
        if (!method.equals("GET")) {
            return Reply.error(405, "Use GET");
        }
        return shop.stock(sku).map(n -> new Reply(200, Map.of("sku", sku, "available", n)))
                .orElseGet(() -> Reply.error(404, "Unknown SKU " + sku));
    }

    private Reply webhook(String method, String path, String body, HttpExchange exchange) {
        if (!method.equals("POST") || !path.equals("/webhooks")) {
            return Reply.error(404, "No route " + method + " " + path);
        }
        String signature = exchange.getRequestHeaders().getFirst("Stripe-Signature");
        String delivery = exchange.getRequestHeaders().getFirst("Paygate-Delivery-Id");
        Webhooks.Handled handled;
        try {
            if (signature == null) {
                throw new SignatureVerificationException("No Stripe-Signature header", null);
            }
            handled = webhooks.receive(body, signature);
        } catch (SignatureVerificationException | JsonParseException e) {
            Log.info("webhook refused (delivery %s): %s", delivery, e.getMessage());
            return Reply.error(400, "Invalid signature or payload");
        }
        String outcome = handled.outcome() == null ? "nothing_to_do" : handled.outcome().name().toLowerCase(java.util.Locale.ROOT);
        Log.info("event %s %s for order %s (delivery %s): %s%s", handled.eventId(), handled.type(), handled.orderId(), delivery,
                outcome, handled.order() == null ? "" : ", order is " + handled.order().status().wire());
        return new Reply(200, Map.of("received", true, "outcome", outcome));
    }

    private static JsonObject jsonObject(String body) {
        try {
            JsonElement parsed = JsonParser.parseString(body);
            if (parsed.isJsonObject()) {
                return parsed.getAsJsonObject();
            }
        } catch (JsonParseException e) {
            // answered below, like any other body that is not a JSON object
        }
        throw new Shop.Refused(400, "The body must be a JSON object");
    }

    private static String string(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString() ? value.getAsString() : null;
    }

    private static Integer wholeNumber(JsonElement value) {
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            return null;
        }
        try {
            return value.getAsBigDecimal().intValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    private static Map<String, Object> render(Order order, String clientSecret) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", order.id());
        out.put("sku", order.sku());
        out.put("quantity", order.quantity());
        out.put("amount", order.amount());
        out.put("currency", order.currency());
        out.put("status", order.status().wire());
        out.put("payment_intent", order.paymentIntent());
        if (clientSecret != null) {
            out.put("client_secret", clientSecret);
        }
        return out;
    }
}
