package io.paygate.platform.idempotency;

import java.util.function.Supplier;

/**
 * The idempotent request running on this thread: its key, and whether the key's row is written
 * (committed, or in the transaction now open). A request whose key is claimed late writes the row in
 * the transaction that makes its first lasting change, naming the object that change created.
 */
final class Claim {

    private static final ThreadLocal<Claim> CURRENT = new ThreadLocal<>();

    final IdempotencyStore.Key key;
    final String method;
    final String path;
    final String fingerprint;
    final String requestId;
    final long leaseMillis;
    /** The prefix of the ids of the objects a late claim names; {@code null} for a claim made up front. */
    final String idPrefix;
    boolean claimed;
    String recoveryObject;
    /** The answer the request's last transaction stored for the key and committed ({@code null} until then). */
    Outcome answered;

    Claim(IdempotencyStore.Key key, String method, String path, String fingerprint, String requestId, long leaseMillis,
          String idPrefix) {
        this.key = key;
        this.method = method;
        this.path = path;
        this.fingerprint = fingerprint;
        this.requestId = requestId;
        this.leaseMillis = leaseMillis;
        this.idPrefix = idPrefix;
    }

    /** Whether the key is claimed by the work's first lasting transaction rather than before the work. */
    boolean late() {
        return idPrefix != null;
    }

    static Claim current() {
        return CURRENT.get();
    }

    /** Whether {@code objectId} is an object of the kind this request answers with. */
    boolean answersWith(String objectId) {
        return objectId.startsWith(idPrefix) && objectId.length() > idPrefix.length() && objectId.charAt(idPrefix.length()) == '_';
    }

    /** Runs {@code body} with this claim as the thread's current one, restoring the one before it. */
    <T> T around(Supplier<T> body) {
        Claim outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return body.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** Thrown out of the request's work when another request holds the key: the work's transaction rolls back. */
    static final class Taken extends RuntimeException {
        Taken() {
            super("The idempotency key is held by another request", null, false, false);
        }
    }
}
