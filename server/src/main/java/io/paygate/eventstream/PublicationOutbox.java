package io.paygate.eventstream;

import io.paygate.event.EventsRecorded;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds a pending publication for every recorded event, inside the transaction that records it (one batch
 * per transaction), so
 * a rolled-back change leaves nothing to publish. Exists only when publication is enabled.
 */
class PublicationOutbox {

    private final PublicationRepository publications;
    private final Clock clock;

    PublicationOutbox(PublicationRepository publications, Clock clock) {
        this.publications = publications;
        this.clock = clock;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(EventsRecorded recorded) {
        publications.insertAll(recorded.events(), clock.millis());
    }
}
