package io.paygate.platform.observability;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * A last line of defence in the JSON log: any string value that contains a card-number-like run
 * of digits passing the Luhn check, or a security code next to the word "cvc", is masked before the
 * line is written. Paygate's code never logs card data; this catches a library or a future mistake.
 */
public class CardDataRedaction implements StructuredLoggingJsonMembersCustomizer<Object> {

    private static final Pattern CANDIDATE = Pattern.compile("(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])");
    private static final Pattern CVC = Pattern.compile("(?i)(cvc|cvv|security code)([\"'=:\\s\\]]{1,4})([0-9]{3,4})(?![0-9])");

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, CardDataRedaction::redact));
    }

    public static String redact(String value) {
        if (value == null || value.length() < 13) {
            return value;
        }
        String result = value;
        Matcher cvc = CVC.matcher(result);
        if (cvc.find()) {
            result = cvc.replaceAll("$1$2[REDACTED]");
        }
        Matcher matcher = CANDIDATE.matcher(result);
        StringBuilder out = null;
        int last = 0;
        while (matcher.find()) {
            String digits = matcher.group().replaceAll("[ -]", "");
            if (digits.length() >= 13 && digits.length() <= 19 && passesLuhn(digits)) {
                if (out == null) {
                    out = new StringBuilder(result.length());
                }
                out.append(result, last, matcher.start()).append("[REDACTED card ending ")
                        .append(digits, digits.length() - 4, digits.length()).append(']');
                last = matcher.end();
            }
        }
        if (out == null) {
            return result;
        }
        return out.append(result, last, result.length()).toString();
    }

    private static boolean passesLuhn(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
