package io.paygate.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Reads the key from {@code Authorization: Bearer <key>} or HTTP Basic with the key as user name. */
final class PresentedCredential {

    private PresentedCredential() {
    }

    static String from(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            return null;
        }
        header = header.trim();
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? decoded : decoded.substring(0, colon);
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
        return "";
    }

    /** A form of the key safe to show in an error message. */
    static String redact(String key) {
        if (key.length() <= 12) {
            return "****";
        }
        int underscore = key.indexOf('_', 3);
        String prefix = underscore > 0 && underscore < 9 ? key.substring(0, underscore + 1) : "";
        return prefix + "*".repeat(8) + key.substring(key.length() - 4);
    }
}
