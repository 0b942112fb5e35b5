package io.paygate.platform.idempotency;

import io.paygate.platform.errors.ApiException;
import io.paygate.platform.json.Json;
import io.paygate.platform.web.ApiResponses;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;

/** What an idempotent request answers: its HTTP status and JSON body, as stored for its key. */
record Outcome(int status, String body) {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyGate.class);

    /**
     * The answer of {@code action}: its value as JSON with 200, an {@link ApiException} it throws as
     * that error's status and body, anything else it throws as Stripe's 500 {@code api_error}.
     */
    static Outcome of(Json json, Supplier<Object> action) {
        return of(json, action, null);
    }

    /**
     * As {@link #of(Json, Supplier)}, except that once {@code action} has returned or thrown, the
     * answer {@code claim}'s request already stored and committed ({@link RecoveryPoints#answer}), if
     * any, is the answer, and nothing is written again.
     */
    static Outcome of(Json json, Supplier<Object> action, Claim claim) {
        Object value = null;
        RuntimeException thrown = null;
        try {
            value = action.get();
        } catch (Claim.Taken taken) {
            throw taken;
        } catch (RuntimeException e) {
            thrown = e;
        }
        if (thrown != null && !(thrown instanceof ApiException)) {
            log.error("Unexpected error while executing an API request", thrown);
        }
        if (claim != null && claim.answered != null) {
            return claim.answered;
        }
        if (thrown == null) {
            return new Outcome(200, json.write(value));
        }
        ApiException error = thrown instanceof ApiException e ? e
                : ApiException.api("An unexpected error occurred in Paygate. The request id identifies it in the server log.");
        return new Outcome(error.status(), json.write(error.body()));
    }

    ResponseEntity<String> toResponse(boolean replayed, String originalRequest) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).contentType(ApiResponses.JSON);
        if (replayed) {
            builder.header("Idempotent-Replayed", "true");
            Optional.ofNullable(originalRequest).ifPresent(id -> builder.header("Original-Request", id));
        }
        return builder.body(body);
    }
}
