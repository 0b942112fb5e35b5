package io.paygate.examples.orders;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The shop's state: stock per SKU, orders, and the ids of the webhook events already handled. One
 * lock guards all three, so checking an event id, moving an order and giving its stock back happen
 * together; a real service would do the same in one database transaction.
 */
final class Shop {

    /** What applying one webhook event did. */
    enum Outcome { APPLIED, DUPLICATE, UNKNOWN_ORDER, ALREADY_SETTLED }

    record Applied(Outcome outcome, Order order) {
    }

    /** Thrown when an order cannot be placed; {@code status} is the HTTP status to answer. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final Map<String, Product> catalogue = new HashMap<>();
    private final Map<String, Integer> stock = new HashMap<>();
    private final Map<String, Order> orders = new HashMap<>();
    // Paygate delivers at least once: the same event can arrive again, even after a success.
    private final Set<String> handledEvents = new HashSet<>();

    Shop(List<Product> products) {
        for (Product product : products) {
            catalogue.put(product.sku(), product);
            stock.put(product.sku(), product.stock());
        }
    }

    /** Reserves the stock and records the order as awaiting payment. */
    synchronized Order place(String sku, int quantity) {
        Product product = catalogue.get(sku);
        if (product == null) {
            throw new Refused(404, "Unknown SKU " + sku);
        }
        if (quantity < 1 || quantity > 1000) {
            throw new Refused(400, "quantity must be between 1 and 1000");
        }
        int left = stock.get(sku);
        if (left < quantity) {
            throw new Refused(409, "Only " + left + " of " + sku + " left");
        }
        stock.put(sku, left - quantity);
        Order order = new Order("ord_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16), sku, quantity,
                product.unitAmount() * quantity, product.currency(), null, Order.Status.AWAITING_PAYMENT);
        orders.put(order.id(), order);
        return order;
    }

    synchronized Order attachPaymentIntent(String orderId, String paymentIntent) {
        return orders.compute(orderId, (id, order) -> order.withPaymentIntent(paymentIntent));
    }

    /**
     * Moves an order on because of a webhook event, once per event id, and only out of
     * {@code awaiting_payment}: a late or repeated event never releases stock a second time.
     */
    synchronized Applied apply(String eventId, String orderId, Order.Status next) {
        if (handledEvents.contains(eventId)) {
            return new Applied(Outcome.DUPLICATE, orders.get(orderId));
        }
        handledEvents.add(eventId);
        Order order = orderId == null ? null : orders.get(orderId);
        if (order == null) {
            return new Applied(Outcome.UNKNOWN_ORDER, null);
        }
        if (order.status() != Order.Status.AWAITING_PAYMENT) {
            return new Applied(Outcome.ALREADY_SETTLED, order);
        }
        return new Applied(Outcome.APPLIED, settle(order, next));
    }

    /** Settles an order without an event, when Paygate never created an intent for it. */
    synchronized Order fail(String orderId) {
        Order order = orders.get(orderId);
        return order.status() == Order.Status.AWAITING_PAYMENT ? settle(order, Order.Status.PAYMENT_FAILED) : order;
    }

    private Order settle(Order order, Order.Status next) {
        Order settled = order.withStatus(next);
        orders.put(order.id(), settled);
        if (next.releasesStock()) {
            stock.merge(order.sku(), order.quantity(), Integer::sum);
        }
        return settled;
    }

    synchronized Optional<Order> order(String id) {
        return Optional.ofNullable(orders.get(id));
    }

    synchronized Optional<Integer> stock(String sku) {
        return Optional.ofNullable(stock.get(sku));
    }
}
