package io.paygate.payment;

import java.util.List;
import java.util.Map;

/** A payment intent as stored. Change it through {@link #with}, which copies it. */
public record PaymentIntent(String id, String merchantId, boolean livemode, long amount, String currency,
                            PaymentIntentStatus status, String captureMethod, String confirmationMethod, String customerId,
                            String paymentMethodId, List<String> paymentMethodTypes, String description,
                            String receiptEmail, String statementDescriptor, String statementDescriptorSuffix,
                            String setupFutureUsage, Map<String, Object> shipping, String clientSecret,
                            long amountCapturable, long amountReceived, Long canceledAt, String cancellationReason,
                            Map<String, Object> lastPaymentError, Map<String, Object> nextAction, String latestChargeId,
                            String pendingOperationId, String connector, String connectorAccountId, String returnUrl,
                            Map<String, String> metadata, int version, long created) {

    public boolean capturesAutomatically() {
        return !"manual".equals(captureMethod);
    }

    public PaymentIntent with(java.util.function.Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    /** Mutable copy used only to derive the next version of an intent. */
    public static final class Builder {
        public long amount;
        public String currency;
        public PaymentIntentStatus status;
        public String captureMethod;
        public String confirmationMethod;
        public String customerId;
        public String paymentMethodId;
        public List<String> paymentMethodTypes;
        public String description;
        public String receiptEmail;
        public String statementDescriptor;
        public String statementDescriptorSuffix;
        public String setupFutureUsage;
        public Map<String, Object> shipping;
        public long amountCapturable;
        public long amountReceived;
        public Long canceledAt;
        public String cancellationReason;
        public Map<String, Object> lastPaymentError;
        public Map<String, Object> nextAction;
        public String latestChargeId;
        public String pendingOperationId;
        public String connector;
        public String connectorAccountId;
        public String returnUrl;
        public Map<String, String> metadata;
        private final PaymentIntent from;

        private Builder(PaymentIntent p) {
            from = p;
            amount = p.amount;
            currency = p.currency;
            status = p.status;
            captureMethod = p.captureMethod;
            confirmationMethod = p.confirmationMethod;
            customerId = p.customerId;
            paymentMethodId = p.paymentMethodId;
            paymentMethodTypes = p.paymentMethodTypes;
            description = p.description;
            receiptEmail = p.receiptEmail;
            statementDescriptor = p.statementDescriptor;
            statementDescriptorSuffix = p.statementDescriptorSuffix;
            setupFutureUsage = p.setupFutureUsage;
            shipping = p.shipping;
            amountCapturable = p.amountCapturable;
            amountReceived = p.amountReceived;
            canceledAt = p.canceledAt;
            cancellationReason = p.cancellationReason;
            lastPaymentError = p.lastPaymentError;
            nextAction = p.nextAction;
            latestChargeId = p.latestChargeId;
            pendingOperationId = p.pendingOperationId;
            connector = p.connector;
            connectorAccountId = p.connectorAccountId;
            returnUrl = p.returnUrl;
            metadata = p.metadata;
        }

        private PaymentIntent build() {
            if (status != from.status && !from.status.canMoveTo(status)) {
                throw new IllegalStateException("payment intent " + from.id + " cannot move from " + from.status + " to " + status);
            }
            return new PaymentIntent(from.id, from.merchantId, from.livemode, amount, currency, status, captureMethod,
                    confirmationMethod, customerId, paymentMethodId, List.copyOf(paymentMethodTypes), description,
                    receiptEmail, statementDescriptor, statementDescriptorSuffix, setupFutureUsage, shipping,
                    from.clientSecret, amountCapturable, amountReceived, canceledAt, cancellationReason, lastPaymentError,
                    nextAction, latestChargeId, pendingOperationId, connector, connectorAccountId, returnUrl, metadata,
                    from.version + 1, from.created);
        }
    }
}
