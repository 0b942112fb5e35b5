package io.paygate.examples.orders;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;

/** Paygate through the official Stripe SDK: only the base URL and the key differ from Stripe. */
final class Payments {

    /** The intent Paygate created (null if it created none), its client secret, and the error if the call failed. */
    record Attempt(String paymentIntent, String clientSecret, StripeException error) {
    }

    private final StripeClient stripe;

    Payments(Config config) {
        this.stripe = StripeClient.builder().setApiKey(config.secretKey()).setApiBase(config.paygateUrl()).build();
    }

    /**
     * Creates the order's payment intent, confirmed at once when a payment method is given (otherwise
     * a browser confirms it with the client secret). The order id is the idempotency key, so a retry
     * never charges twice, and travels as metadata, so webhook events lead back to the order.
     */
    Attempt charge(Order order, String paymentMethod) {
        PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
                .setAmount(order.amount()).setCurrency(order.currency())
                .putMetadata("order_id", order.id())
                .setDescription(order.quantity() + " x " + order.sku());
        if (paymentMethod != null) {
            params.setPaymentMethod(paymentMethod).setConfirm(true);
        }
        try {
            PaymentIntent intent = stripe.v1().paymentIntents().create(params.build(),
                    RequestOptions.builder().setIdempotencyKey("order-" + order.id()).build());
            return new Attempt(intent.getId(), intent.getClientSecret(), null);
        } catch (StripeException e) {
            // A decline (402) still created the intent; its id comes back inside the error.
            PaymentIntent intent = e.getStripeError() == null ? null : e.getStripeError().getPaymentIntent();
            return new Attempt(intent == null ? null : intent.getId(), null, e);
        }
    }

    void cancel(String paymentIntent) throws StripeException {
        stripe.v1().paymentIntents().cancel(paymentIntent);
    }
}
