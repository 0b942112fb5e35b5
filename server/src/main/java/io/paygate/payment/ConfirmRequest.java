package io.paygate.payment;

import io.paygate.paymentmethod.PaymentMethodService;
import java.util.Map;
import java.util.Set;

/**
 * A validated confirmation: the payment method to use (an id, or details to create one from), and
 * the fields a confirmation may set. Only fields named in {@code present} change.
 */
public record ConfirmRequest(String paymentMethodId, PaymentMethodService.NewPaymentMethod paymentMethodData,
                             String returnUrl, String receiptEmail, String setupFutureUsage, Map<String, Object> shipping,
                             String captureMethod, Set<String> present) {

    public static ConfirmRequest none() {
        return new ConfirmRequest(null, null, null, null, null, null, null, Set.of());
    }

    boolean has(String field) {
        return present.contains(field);
    }
}
