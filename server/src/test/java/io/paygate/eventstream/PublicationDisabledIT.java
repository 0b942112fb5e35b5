package io.paygate.eventstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.support.PaygateIT;
import io.paygate.support.TestMerchant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Kafka publication is off by default: no producer, no publisher, and no publication rows for new events. */
class PublicationDisabledIT extends PaygateIT {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @Test
    void eventsLeaveNoPublicationRowsWhenKafkaIsOff() {
        TestMerchant merchant = newMerchant();
        String customer = api.post("/v1/customers", merchant.secretKey(), "email", "a@shop.test").text("id");
        assertThat(api.get("/v1/events", merchant.secretKey(), "type", "customer.created").json().path("data")).isNotEmpty();
        assertThat(jdbc.sql("select count(*) from event_publications where merchant_id = ? or object_id = ?")
                .params(merchant.id(), customer).query(Integer.class).single()).isZero();
        assertThat(context.getBeanNamesForType(EventStreamPublisher.class)).isEmpty();
        assertThat(context.getBeanNamesForType(PublicationOutbox.class)).isEmpty();
    }
}
