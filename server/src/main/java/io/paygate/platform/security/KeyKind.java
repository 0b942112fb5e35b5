package io.paygate.platform.security;

/** The three kinds of API key, told apart by their prefix. */
public enum KeyKind {
    SECRET("sk"),
    PUBLISHABLE("pk"),
    RESTRICTED("rk");

    private final String prefix;

    KeyKind(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    public String keyPrefix(boolean livemode) {
        return prefix + (livemode ? "_live_" : "_test_");
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static KeyKind fromWire(String value) {
        for (KeyKind kind : values()) {
            if (kind.wireName().equals(value)) {
                return kind;
            }
        }
        return null;
    }
}
