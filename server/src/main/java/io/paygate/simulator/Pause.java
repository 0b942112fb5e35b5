package io.paygate.simulator;

/**
 * The simulated processing time and hangs. Requests run on virtual threads, so a sleeping request
 * holds no platform thread.
 */
final class Pause {

    private Pause() {
    }

    static void forMillis(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // Interrupted (the server is stopping): answer early rather than hold up the shutdown. The
            // request still settles its payment; if it cannot, the resolver does after a restart.
            Thread.currentThread().interrupt();
        }
    }
}
