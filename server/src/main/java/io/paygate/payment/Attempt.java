package io.paygate.payment;

/**
 * What a payment intent shows of each of its charges under {@code attempts}: the few columns an intent's
 * view needs, read without the rest of the charge (its payment method details and metadata are JSON
 * that a retrieve would otherwise parse only to drop).
 */
public record Attempt(String chargeId, String connector, String connectorAccountId, long created, String declineCode,
                      String failureCode, ProcessorState processorState, String processorReference) {

    public static Attempt of(Charge c) {
        return new Attempt(c.id(), c.connector(), c.connectorAccountId(), c.created(), c.declineCode(), c.failureCode(),
                c.processorState(), c.processorReference());
    }
}
