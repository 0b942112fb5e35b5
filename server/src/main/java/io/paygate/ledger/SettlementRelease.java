package io.paygate.ledger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Moves captured funds from pending to available once each charge's settlement delay has passed. */
@Component
class SettlementRelease {

    private static final Logger log = LoggerFactory.getLogger(SettlementRelease.class);
    private static final int BATCH = 500;

    private final Ledger ledger;

    SettlementRelease(Ledger ledger) {
        this.ledger = ledger;
    }

    @Scheduled(fixedDelayString = "${paygate.ledger.release-interval:PT30S}", initialDelayString = "PT5S")
    void releaseDueFunds() {
        int released = 0;
        var due = ledger.dueForRelease(BATCH);
        for (BalanceTransaction line : due) {
            if (ledger.release(line)) {
                released++;
            }
        }
        if (released > 0) {
            log.info("Made {} balance transactions available", released);
        }
    }
}
