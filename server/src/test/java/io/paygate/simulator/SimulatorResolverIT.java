package io.paygate.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import io.paygate.platform.ids.Ids;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A payment accepted by a process that then died is finished by the resolver. */
class SimulatorResolverIT extends SimulatorServerTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Ids ids;
    @Autowired
    Clock clock;
    @Autowired
    SimulatorResolver resolver;

    /** A {@code received} row as a crashed request leaves it: planned, due at {@code resolveAtMs}, never settled. */
    private String abandoned(String key, String instrumentType, String planned, String actionKind, long resolveAtMs) {
        String id = ids.next("simpay");
        jdbc.sql("""
                        insert into sim_payments (id, account_id, idem_key, reference, amount, currency, capture,
                            instrument_type, instrument_label, status, planned_status, action_kind, action_succeeds,
                            resolve_at_ms, created_ms, updated_ms)
                        values (?, ?, ?, ?, 1999, 'usd', true, ?, 'label', 'received', ?, ?, true, ?, ?, ?)""")
                .params(id, sim.account, key, reference(), instrumentType, planned, actionKind, resolveAtMs,
                        resolveAtMs, resolveAtMs)
                .update();
        return id;
    }

    @Test
    void finishesACardPaymentAbandonedByACrash() {
        String key = key();
        abandoned(key, "card", "captured", null, clock.millis() - 60_000);

        SimulatorHttp.Response captured = awaitStatus(key, "captured", Duration.ofSeconds(10));

        assertThat(captured.number("amount_captured")).isEqualTo(1999);
        verify(notifications, timeout(5000)).authorizationChanged(sim.account, key);
    }

    @Test
    void finishesAnAbandonedUpiPaymentThroughPending() {
        String key = key();
        abandoned(key, "upi", "pending", "async", clock.millis() - 60_000);

        awaitStatus(key, "captured", Duration.ofSeconds(10));
    }

    @Test
    void leavesAPaymentAloneWhileItsRequestMayStillBeWorking() {
        String key = key();
        abandoned(key, "card", "captured", null, clock.millis());

        resolver.resolveNow();

        assertThat(sim.payment(key).text("status")).isEqualTo("received");
    }
}
