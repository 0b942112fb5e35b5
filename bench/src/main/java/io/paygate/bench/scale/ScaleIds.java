package io.paygate.bench.scale;

import java.util.SplittableRandom;

/**
 * Ids in the shape of the server's {@code io.paygate.platform.ids.Ids}: the prefix, an underscore,
 * nine base-36 characters of the creation time in milliseconds, then fifteen random base-36
 * characters. Loaded rows must sort by creation time exactly as live ones do, or cursor pagination
 * and {@code created} filters (which the server turns into id ranges) would return wrong pages.
 */
final class ScaleIds {

    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    static final int TIME_CHARS = 9;
    static final int RANDOM_CHARS = 15;

    private final SplittableRandom random;

    ScaleIds(SplittableRandom random) {
        this.random = random;
    }

    String next(String prefix, long epochMillis) {
        char[] out = new char[prefix.length() + 1 + TIME_CHARS + RANDOM_CHARS];
        prefix.getChars(0, prefix.length(), out, 0);
        int at = prefix.length();
        out[at++] = '_';
        long value = epochMillis;
        for (int i = at + TIME_CHARS - 1; i >= at; i--) {
            out[i] = ALPHABET[(int) (value % 36)];
            value /= 36;
        }
        for (int i = at + TIME_CHARS; i < out.length; i++) {
            out[i] = ALPHABET[random.nextInt(36)];
        }
        return new String(out);
    }

    String token(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[random.nextInt(36)];
        }
        return new String(out);
    }

    /** The creation time an id encodes, as the server's {@code Ids.millisOf} reads it. */
    static long millisOf(String id) {
        int underscore = id.lastIndexOf('_');
        return Long.parseLong(id.substring(underscore + 1, underscore + 1 + TIME_CHARS), 36);
    }
}
