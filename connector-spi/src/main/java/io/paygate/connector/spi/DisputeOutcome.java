package io.paygate.connector.spi;

import java.util.Objects;

/** A processor's answer about a dispute. */
public sealed interface DisputeOutcome {

    record Found(DisputeReport dispute) implements DisputeOutcome {
        public Found {
            Objects.requireNonNull(dispute, "dispute");
        }
    }

    /** The processor refused the request (for example, evidence on a closed dispute). */
    record Refused(String code, String message) implements DisputeOutcome {
    }

    record NotFound() implements DisputeOutcome {
    }

    record Unknown(String reason) implements DisputeOutcome {
    }
}
