package io.paygate.platform.idempotency;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes idempotency keys older than the retention period (24 hours unless configured). */
@Component
class IdempotencyPruner {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyPruner.class);
    private static final int BATCH = 1000;

    private final IdempotencyStore store;
    private final Clock clock;
    private final Duration retention;

    IdempotencyPruner(IdempotencyStore store, Clock clock,
                      @Value("${paygate.idempotency.retention:PT24H}") Duration retention) {
        this.store = store;
        this.clock = clock;
        this.retention = retention;
    }

    @Scheduled(fixedDelayString = "${paygate.idempotency.prune-interval:PT10M}", initialDelayString = "PT30S")
    void prune() {
        int total = pruneNow();
        if (total > 0) {
            log.info("Pruned {} idempotency keys older than {}", total, retention);
        }
    }

    int pruneNow() {
        long cutoff = clock.millis() - retention.toMillis();
        int total = 0;
        int deleted;
        do {
            deleted = store.deleteCreatedBefore(cutoff, BATCH);
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
