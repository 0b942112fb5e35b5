package io.paygate.webhook;

import io.paygate.support.PaygateIT;
import io.paygate.support.TestMerchant;
import io.paygate.support.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A webhook test's fixture: a new merchant and a receiver for its endpoints, closed after each test. */
abstract class ReceiverIT extends PaygateIT {

    protected TestMerchant merchant;
    protected WebhookReceiver receiver;

    @BeforeEach
    void newMerchantAndReceiver() {
        merchant = newMerchant();
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }
}
