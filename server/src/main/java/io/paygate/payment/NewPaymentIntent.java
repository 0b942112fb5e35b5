package io.paygate.payment;

import java.util.List;
import java.util.Map;

/** A validated request to create a payment intent. */
public record NewPaymentIntent(long amount, String currency, String captureMethod, String confirmationMethod,
                               String customerId, String paymentMethodId, List<String> paymentMethodTypes,
                               String description, String receiptEmail, String statementDescriptor,
                               String statementDescriptorSuffix, String setupFutureUsage, Map<String, Object> shipping,
                               String returnUrl, Map<String, String> metadata) {
}
