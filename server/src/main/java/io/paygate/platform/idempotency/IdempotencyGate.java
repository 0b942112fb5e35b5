package io.paygate.platform.idempotency;

import io.paygate.platform.errors.ApiException;
import io.paygate.platform.json.Json;
import io.paygate.platform.web.CallContext;
import io.paygate.platform.wire.RawParams;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Stripe's idempotency for every POST: the first request with a key runs, and its status and body
 * (errors included) are stored and replayed for every retry with the same key. A retry with other
 * parameters gets 400; one that arrives while the first still runs gets 409. Validation happens
 * before the gate, so rejected requests store nothing.
 *
 * <p>A request that creates a payment intent, confirms one, or creates a refund, a customer or a
 * payment method claims its key late, in the transaction that creates the object it answers with
 * ({@link RecoveryPoints}): the claim costs no commit of its own, and a retry of a request whose first
 * execution died (the server killed during the processor call, say) answers that object as it stands
 * now, instead of creating, and charging or refunding, a second one. A payment's confirmation stores its
 * answer in the transaction that records the processor's outcome ({@link RecoveryPoints#answer}), so
 * the key's completion costs no commit of its own either.
 */
@Component
public class IdempotencyGate {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyGate.class);

    private final IdempotencyStore store;
    private final Json json;
    private final Clock clock;
    private final Duration lease;

    public IdempotencyGate(IdempotencyStore store, Json json, Clock clock,
                           @Value("${paygate.idempotency.lease:PT2M}") Duration lease) {
        this.store = store;
        this.json = json;
        this.clock = clock;
        this.lease = lease;
    }

    /**
     * What a request that claims its key late answers a retry with when it died after creating its
     * object: {@code answer} of the id its claim named, an id that starts with {@code idPrefix} and "_".
     */
    public record Recovery(String idPrefix, Function<String, Object> answer) {
    }

    /** Runs {@code action} at most once per idempotency key and answers its result as JSON. */
    public ResponseEntity<String> execute(CallContext ctx, String method, String path, RawParams params,
                                          Supplier<Object> action) {
        return execute(ctx, method, path, params, action, null);
    }

    /**
     * As {@link #execute(CallContext, String, String, RawParams, Supplier)}, for an action that claims the
     * key late: its first lasting change is a transaction that calls {@link RecoveryPoints#mark} with the
     * id of the object it creates or changes, of {@code recover}'s kind (or {@link RecoveryPoints#claimNow}
     * first), and nothing it does before that outlasts it. An action that fails or answers before marking
     * has changed nothing, and its answer is stored then. A retry of a request that marked and never
     * completed answers {@code recover} of the marked id once the first request's lease has passed.
     */
    public ResponseEntity<String> execute(CallContext ctx, String method, String path, RawParams params,
                                          Supplier<Object> action, Recovery recover) {
        if (ctx.idempotencyKey() == null) {
            return run(action, null).toResponse(false, null);
        }
        Claim claim = new Claim(new IdempotencyStore.Key(ctx.merchantId(), ctx.livemode(), ctx.idempotencyKey()), method,
                path, fingerprint(method, path, params), ctx.requestId(), lease.toMillis(), recover == null ? null : recover.idPrefix());
        if (!claim.late()) {
            long now = clock.millis();
            if (store.tryInsert(claim.key, method, path, claim.fingerprint, claim.requestId, now, now + claim.leaseMillis, null)) {
                claim.claimed = true;
            } else {
                ResponseEntity<String> answer = answerExisting(ctx, claim, recover);
                if (answer != null) {
                    return answer;
                }
            }
        }
        while (true) {
            Outcome outcome;
            try {
                outcome = claim.around(() -> run(action, claim));
            } catch (Claim.Taken taken) {
                ResponseEntity<String> answer = answerExisting(ctx, claim, recover);
                if (answer != null) {
                    return answer;
                }
                continue;
            }
            if (claim.answered != null) {
                return outcome.toResponse(false, null);
            }
            if (claim.claimed) {
                store.complete(claim.key, outcome.status(), outcome.body());
                return outcome.toResponse(false, null);
            }
            // Nothing the action did outlasted it: its answer is the key's, unless another request got there first.
            if (store.tryInsertCompleted(claim.key, method, path, claim.fingerprint, claim.requestId, clock.millis(),
                    outcome.status(), outcome.body())) {
                return outcome.toResponse(false, null);
            }
            ResponseEntity<String> answer = answerExisting(ctx, claim, recover);
            if (answer != null) {
                return answer;
            }
        }
    }

    /**
     * The answer for a request whose key another request holds or held, or {@code null} once this
     * request has taken over a claim that was never completed and names nothing: then it runs again.
     */
    private ResponseEntity<String> answerExisting(CallContext ctx, Claim claim, Recovery recover) {
        IdempotencyStore.Entry existing = store.find(claim.key)
                .orElseThrow(() -> ApiException.idempotency(409, "The idempotency key is being reset; retry shortly."));
        if (!existing.method().equals(claim.method) || !existing.path().equals(claim.path)
                || !existing.fingerprint().equals(claim.fingerprint)) {
            throw ApiException.idempotency(400, "Keys for idempotent requests can only be used with the same parameters "
                    + "they were first used with. Try using a key other than '" + ctx.idempotencyKey()
                    + "' if you meant to execute a different request.");
        }
        if (existing.completed()) {
            return new Outcome(existing.responseStatus(), existing.responseBody()).toResponse(true, existing.requestId());
        }
        long now = clock.millis();
        if (existing.lockedUntil() <= now && recover != null && existing.recoveryObject() != null) {
            log.warn("Answering an idempotent request whose first execution never completed with what it created");
            return run(() -> recover.answer().apply(existing.recoveryObject()), null).toResponse(true, existing.requestId());
        }
        if (existing.lockedUntil() > now || !store.takeOver(claim.key, existing.lockedUntil(), now + claim.leaseMillis,
                claim.requestId)) {
            throw ApiException.idempotency(409, "There is currently another in-progress request using this Idempotent Key "
                    + "(that probably means you submitted twice, and the other request is still going through): "
                    + ctx.idempotencyKey() + ". Please try again later.");
        }
        log.warn("Re-running an idempotent request whose first execution never completed");
        claim.claimed = true;
        claim.recoveryObject = null;
        return null;
    }

    /**
     * The answer of {@code action}; when the action stored its answer in its last transaction (see
     * {@link RecoveryPoints#answer}), that stored answer, whatever the action then returned or threw.
     */
    private Outcome run(Supplier<Object> action, Claim claim) {
        return Outcome.of(json, action, claim);
    }

    String fingerprint(String method, String path, RawParams params) {
        Object canonical = canonical(params.values());
        String text = method + " " + path + " " + json.write(canonical);
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(canonical(item)));
            return out;
        }
        return value == null ? null : String.valueOf(value);
    }

}
