package io.paygate.paymentmethod;

import java.util.Map;
import java.util.TreeMap;

/**
 * What Paygate knows about issuer identification numbers: funding type and issuing country. Longest
 * matching prefix wins; unknown ranges answer funding {@code unknown} and no country. The entries
 * cover the networks' test ranges and common production ranges per brand.
 */
public final class BinTable {

    /** Funding ({@code credit}, {@code debit}, {@code prepaid}, {@code unknown}) and ISO country. */
    public record BinInfo(String funding, String country) {
    }

    private static final TreeMap<String, BinInfo> PREFIXES = new TreeMap<>();

    static {
        // Visa
        put("4242424242", "credit", "US");
        put("4000056655", "debit", "US");
        put("4000000000", "credit", "US");
        put("4000008400", "credit", "US");
        put("4000000760", "credit", "BR");
        put("4000001240", "credit", "CA");
        put("4000004840", "credit", "MX");
        put("4000000360", "credit", "AU");
        put("4000003560", "credit", "IN");
        put("4000002500", "credit", "FR");
        put("4000002760", "credit", "DE");
        put("4000008260", "credit", "GB");
        put("4000003920", "credit", "JP");
        put("4100000000", "credit", "US");
        put("4111111111", "credit", "US");
        put("4012888888", "credit", "US");
        put("4", "credit", null);
        // Mastercard
        put("5555555555", "credit", "US");
        put("5200828282", "debit", "US");
        put("5105105105", "prepaid", "US");
        put("2223003122", "credit", "US");
        put("5", "credit", null);
        put("2", "credit", null);
        // American Express
        put("378282", "credit", "US");
        put("371449", "credit", "US");
        put("34", "credit", null);
        put("37", "credit", null);
        // Discover
        put("601111", "credit", "US");
        put("601100", "debit", "US");
        put("6011", "credit", "US");
        // JCB
        put("356600", "credit", "JP");
        put("35", "credit", "JP");
        // UnionPay
        put("620000", "credit", "CN");
        put("6200000000000047", "debit", "CN");
        put("62", "credit", "CN");
        // Diners Club
        put("305693", "credit", "US");
        put("36227206", "credit", "US");
        put("30", "credit", null);
        put("36", "credit", null);
        // RuPay
        put("6521", "debit", "IN");
        put("6522", "debit", "IN");
        put("5085", "debit", "IN");
        put("6069", "debit", "IN");
        put("607", "debit", "IN");
        put("608", "debit", "IN");
        put("8172", "debit", "IN");
    }

    private BinTable() {
    }

    private static void put(String prefix, String funding, String country) {
        PREFIXES.put(prefix, new BinInfo(funding, country));
    }

    public static BinInfo lookup(String digits) {
        for (int length = Math.min(digits.length(), 16); length > 0; length--) {
            BinInfo info = PREFIXES.get(digits.substring(0, length));
            if (info != null) {
                return info;
            }
        }
        return new BinInfo("unknown", null);
    }

    static Map<String, BinInfo> entries() {
        return Map.copyOf(PREFIXES);
    }
}
