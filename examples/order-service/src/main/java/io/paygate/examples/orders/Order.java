package io.paygate.examples.orders;

/** An order as the shop sees it; {@code paymentIntent} is null until Paygate answered. */
record Order(String id, String sku, int quantity, long amount, String currency, String paymentIntent, Status status) {

    enum Status {
        AWAITING_PAYMENT, CONFIRMED, PAYMENT_FAILED, CANCELED, EXPIRED;

        /** Whether an order ending in this status gives its reserved stock back. */
        boolean releasesStock() {
            return this == PAYMENT_FAILED || this == CANCELED || this == EXPIRED;
        }

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    Order withPaymentIntent(String id) {
        return new Order(this.id, sku, quantity, amount, currency, id, status);
    }

    Order withStatus(Status next) {
        return new Order(id, sku, quantity, amount, currency, paymentIntent, next);
    }
}
