package io.paygate.platform.ids;

import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Prefixed object ids ({@code pi_…}, {@code cus_…}) that sort by creation time: nine base-36
 * characters of milliseconds, then fifteen random ones. Newest-first lists and cursors therefore
 * walk the primary key index, and a {@code created} range maps onto an id range.
 */
@Component
public class Ids {

    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int TIME_CHARS = 9;
    private static final int RANDOM_CHARS = 15;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Ids(Clock clock) {
        this.clock = clock;
    }

    public String next(String prefix) {
        return prefix + "_" + timePart(clock.millis()) + randomPart(RANDOM_CHARS);
    }

    /** A random token of the given length from the id alphabet, for secrets and client secrets. */
    public String token(int length) {
        return randomPart(length);
    }

    /** The smallest id with this prefix created at or after {@code epochMillis}. */
    public static String lowerBound(String prefix, long epochMillis) {
        return prefix + "_" + timePart(Math.max(0, epochMillis)) + "0".repeat(RANDOM_CHARS);
    }

    /** The creation time encoded in an id made by {@link #next}, or -1 if it is not one. */
    public static long millisOf(String id) {
        int underscore = id.lastIndexOf('_');
        if (underscore < 0 || id.length() - underscore - 1 != TIME_CHARS + RANDOM_CHARS) {
            return -1;
        }
        try {
            return Long.parseLong(id.substring(underscore + 1, underscore + 1 + TIME_CHARS), 36);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String timePart(long millis) {
        char[] out = new char[TIME_CHARS];
        long value = millis;
        for (int i = TIME_CHARS - 1; i >= 0; i--) {
            out[i] = ALPHABET[(int) (value % 36)];
            value /= 36;
        }
        return new String(out);
    }

    /**
     * One draw from the secure generator per id: each call into it takes its lock and mixes a digest,
     * and a checkout makes dozens of ids. A byte maps to a character only below 252 (7 × 36), so
     * every character is equally likely.
     */
    private String randomPart(int length) {
        char[] out = new char[length];
        byte[] bytes = new byte[length + 4];
        int filled = 0;
        while (filled < length) {
            random.nextBytes(bytes);
            for (int i = 0; i < bytes.length && filled < length; i++) {
                int value = bytes[i] & 0xff;
                if (value < 252) {
                    out[filled++] = ALPHABET[value % ALPHABET.length];
                }
            }
        }
        return new String(out);
    }
}
