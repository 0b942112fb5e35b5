package io.paygate.examples.orders;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for asynchronous work (webhooks) by polling with a deadline, never by sleeping a fixed time. */
final class Poll {

    private Poll() {
    }

    static <T> T until(Duration timeout, Supplier<T> probe, Predicate<T> done, String description) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        long pause = 20;
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + description + "; last value: " + last);
            }
            LockSupport.parkNanos(Duration.ofMillis(pause).toNanos());
            pause = Math.min(250, pause * 2);
            last = probe.get();
        }
        return last;
    }
}
