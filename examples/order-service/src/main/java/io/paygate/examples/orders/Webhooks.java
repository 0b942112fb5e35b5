package io.paygate.examples.orders;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import java.util.List;

/** Verifies Paygate's signed events and turns the ones that settle an order into order changes. */
final class Webhooks {

    /** The event types to subscribe the endpoint to. */
    static final List<String> EVENT_TYPES = List.of("payment_intent.succeeded", "payment_intent.payment_failed",
            "payment_intent.canceled", "checkout.session.completed", "checkout.session.async_payment_succeeded",
            "checkout.session.async_payment_failed", "checkout.session.expired");

    /** A verified event's effect, for the answer and the log; {@code outcome} is null when it changes nothing. */
    record Handled(String eventId, String type, String orderId, Shop.Outcome outcome, Order order) {
    }

    private final String secret;
    private final Shop shop;

    Webhooks(String secret, Shop shop) {
        this.secret = secret;
        this.shop = shop;
    }

    /** Verifies the signature over the raw body (re-serialising it would break the signature) and applies the event. */
    Handled receive(String payload, String signatureHeader) throws SignatureVerificationException {
        Event event = Webhook.constructEvent(payload, signatureHeader, secret);
        // Read from the raw JSON, so it works whatever API version the endpoint's events are rendered in.
        JsonObject object = JsonParser.parseString(event.getDataObjectDeserializer().getRawJson()).getAsJsonObject();
        String orderId = orderId(object);
        Order.Status next = settles(event.getType(), object);
        if (next == null) {
            return new Handled(event.getId(), event.getType(), orderId, null, null);
        }
        Shop.Applied applied = shop.apply(event.getId(), orderId, next);
        return new Handled(event.getId(), event.getType(), orderId, applied.outcome(), applied.order());
    }

    /** What an event means for its order, or null when the order keeps waiting. */
    static Order.Status settles(String type, JsonObject object) {
        return switch (type) {
            case "payment_intent.succeeded", "checkout.session.async_payment_succeeded" -> Order.Status.CONFIRMED;
            // A completed checkout with a delayed payment method is not paid yet: the async events follow.
            case "checkout.session.completed" -> "unpaid".equals(text(object, "payment_status")) ? null : Order.Status.CONFIRMED;
            case "payment_intent.payment_failed", "checkout.session.async_payment_failed" -> Order.Status.PAYMENT_FAILED;
            case "payment_intent.canceled" -> Order.Status.CANCELED;
            case "checkout.session.expired" -> Order.Status.EXPIRED;
            default -> null;
        };
    }

    /** Metadata {@code order_id} on payment intents and checkout sessions, or a session's {@code client_reference_id}. */
    private static String orderId(JsonObject object) {
        JsonElement metadata = object.get("metadata");
        if (metadata != null && metadata.isJsonObject()) {
            String id = text(metadata.getAsJsonObject(), "order_id");
            if (id != null) {
                return id;
            }
        }
        return text(object, "client_reference_id");
    }

    private static String text(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }
}
