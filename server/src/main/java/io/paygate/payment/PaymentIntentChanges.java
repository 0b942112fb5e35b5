package io.paygate.payment;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** A validated update; only the fields named in {@code present} change ({@code null} there means unset). */
public record PaymentIntentChanges(Long amount, String currency, String captureMethod, String customerId,
                                   String paymentMethodId, List<String> paymentMethodTypes, String description,
                                   String receiptEmail, String statementDescriptor, String statementDescriptorSuffix,
                                   String setupFutureUsage, Map<String, Object> shipping, Map<String, String> metadata,
                                   Set<String> present) {

    boolean has(String field) {
        return present.contains(field);
    }

    /** Whether anything beyond metadata and description changes (allowed only before confirmation). */
    boolean changesPayment() {
        for (String field : present) {
            if (!field.equals("metadata") && !field.equals("description") && !field.equals("expand")) {
                return true;
            }
        }
        return false;
    }
}
