package io.paygate.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.SignatureVerificationException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checkout-session events, which the end-to-end test cannot provoke (Paygate has no checkout
 * sessions yet): orders found by {@code client_reference_id}, delayed payments, expiry.
 */
class WebhooksTest {

    private static final String SECRET = "whsec_unit";

    private final Shop shop = new Shop(List.of(new Product("book", 1500, "eur", 10)));
    private final Webhooks webhooks = new Webhooks(SECRET, shop);

    private Webhooks.Handled deliver(String eventId, String type, String session) {
        String payload = """
                {"id":"%s","object":"event","type":"%s","created":%d,"livemode":false,"data":{"object":%s}}"""
                .formatted(eventId, type, Instant.now().getEpochSecond(), session);
        try {
            return webhooks.receive(payload, Signatures.sign(payload, SECRET));
        } catch (SignatureVerificationException e) {
            throw new AssertionError(e);
        }
    }

    private static String session(String orderId, String paymentStatus) {
        return """
                {"id":"cs_1","object":"checkout.session","client_reference_id":"%s","payment_status":"%s","metadata":{}}"""
                .formatted(orderId, paymentStatus);
    }

    @Test
    void aCompletedCheckoutConfirmsOnlyOncePaid() {
        Order order = shop.place("book", 2);
        assertThat(deliver("evt_1", "checkout.session.completed", session(order.id(), "unpaid")).outcome()).isNull();
        assertThat(shop.order(order.id()).orElseThrow().status()).isEqualTo(Order.Status.AWAITING_PAYMENT);

        Webhooks.Handled paid = deliver("evt_2", "checkout.session.async_payment_succeeded", session(order.id(), "paid"));
        assertThat(paid.outcome()).isEqualTo(Shop.Outcome.APPLIED);
        assertThat(paid.order().status()).isEqualTo(Order.Status.CONFIRMED);
        assertThat(shop.stock("book")).contains(8);
    }

    @Test
    void anExpiredCheckoutReleasesTheStockOnceAndLateEventsChangeNothing() {
        Order order = shop.place("book", 3);
        assertThat(shop.stock("book")).contains(7);
        assertThat(deliver("evt_3", "checkout.session.expired", session(order.id(), "unpaid")).order().status())
                .isEqualTo(Order.Status.EXPIRED);
        assertThat(shop.stock("book")).contains(10);

        assertThat(deliver("evt_3", "checkout.session.expired", session(order.id(), "unpaid")).outcome())
                .isEqualTo(Shop.Outcome.DUPLICATE);
        assertThat(deliver("evt_4", "checkout.session.async_payment_failed", session(order.id(), "unpaid")).outcome())
                .isEqualTo(Shop.Outcome.ALREADY_SETTLED);
        assertThat(shop.stock("book")).contains(10);
    }

    @Test
    void aPaidCheckoutConfirmsAndEventsOfOtherOrdersAreAcknowledged() {
        Order order = shop.place("book", 1);
        assertThat(deliver("evt_5", "checkout.session.completed", session(order.id(), "paid")).order().status())
                .isEqualTo(Order.Status.CONFIRMED);
        assertThat(deliver("evt_6", "checkout.session.completed", session("ord_elsewhere", "paid")).outcome())
                .isEqualTo(Shop.Outcome.UNKNOWN_ORDER);
        assertThatThrownBy(() -> webhooks.receive("{}", Signatures.sign("{}", "whsec_other")))
                .isInstanceOf(SignatureVerificationException.class);
    }
}
