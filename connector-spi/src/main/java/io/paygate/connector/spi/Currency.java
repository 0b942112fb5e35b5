package io.paygate.connector.spi;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An ISO 4217 currency as Paygate handles it: lower-case code, the exponent of its minor unit and
 * the smallest amount a charge may have (Stripe's minimums where Stripe publishes one).
 */
public record Currency(String code, int exponent, long minimumChargeMinor) {

    /** The largest amount of any single charge, in minor units, whatever the currency. */
    public static final long MAXIMUM_AMOUNT_MINOR = 99_999_999L;

    private static final Map<String, Currency> KNOWN = new TreeMap<>();

    static {
        // Two-decimal currencies, with Stripe's minimum charge amounts where published
        // (otherwise the equivalent of about 0.50 USD rounded up to a round minor-unit amount).
        two("usd", 50); two("eur", 50); two("gbp", 30); two("aud", 50); two("cad", 50); two("chf", 50);
        two("nzd", 50); two("sgd", 50); two("hkd", 400); two("inr", 50); two("mxn", 1000); two("brl", 50);
        two("dkk", 250); two("nok", 300); two("sek", 300); two("pln", 200); two("czk", 1500); two("ron", 200);
        two("bgn", 100); two("huf", 17500); two("aed", 200); two("myr", 200); two("thb", 1000);
        two("zar", 1000); two("php", 3000); two("idr", 800000); two("ils", 200); two("sar", 200);
        two("qar", 200); two("egp", 2500); two("try", 2000); two("twd", 1500); two("cny", 400);
        two("ars", 50000); two("cop", 200000); two("pen", 200); two("uah", 2000); two("kzt", 25000);
        two("ngn", 80000); two("kes", 7000); two("ghs", 800); two("mad", 500); two("pkr", 15000);
        two("lkr", 15000); two("bdt", 6000); two("npr", 7000); two("rsd", 5500); two("isk", 7000);
        two("gel", 150); two("amd", 20000); two("azn", 100); two("bam", 100); two("mkd", 3000);
        two("mdl", 1000); two("all", 5000); two("bob", 400); two("crc", 30000); two("dop", 3000);
        two("gtq", 400); two("hnl", 1300); two("jmd", 8000); two("ttd", 400); two("uyu", 2000);
        two("nio", 2000); two("pab", 50); two("bzd", 100); two("bbd", 100); two("bsd", 50);
        two("mur", 2500); two("scr", 700); two("mvr", 800); two("mnt", 180000); two("mop", 400);
        two("lak", 1100000); two("khr", 200000); two("mmk", 110000); two("etb", 3000); two("tzs", 130000);
        two("zmw", 1400); two("bwp", 700); two("nad", 1000); two("mzn", 3200); two("aoa", 45000);
        two("htg", 6600); two("awg", 100); two("ang", 100); two("xcd", 200); two("kyd", 50);
        two("fjd", 200); two("pgk", 200); two("top", 200); two("wst", 200); two("sbd", 500);
        two("gyd", 11000); two("srd", 1800); two("lrd", 10000); two("sll", 1100000); two("gmd", 3500);
        two("cve", 5000); two("szl", 1000); two("lsl", 1000); two("mwk", 87000); two("sos", 29000);
        two("dzd", 7000); two("lbp", 4500000); two("yer", 12500); two("afn", 3500); two("tjs", 600);
        two("kgs", 4500); two("uzs", 650000); two("byn", 200); two("rub", 5000); two("shp", 50);
        two("fkp", 50); two("gip", 50); two("stn", 1200); two("svc", 500);
        // Zero-decimal currencies.
        zero("jpy", 50); zero("krw", 700); zero("vnd", 13000); zero("clp", 500); zero("pyg", 3800);
        zero("ugx", 1900); zero("xaf", 300); zero("xof", 300); zero("xpf", 60); zero("bif", 1500);
        zero("djf", 100); zero("gnf", 4500); zero("kmf", 250); zero("mga", 2300); zero("rwf", 700);
        zero("vuv", 60);
        // Three-decimal currencies.
        three("bhd", 200); three("jod", 400); three("kwd", 200); three("omr", 200); three("tnd", 1500);
    }

    public Currency {
        if (code == null || !code.matches("[a-z]{3}")) {
            throw new IllegalArgumentException("currency code must be three lower-case letters");
        }
        if (exponent < 0 || exponent > 3) {
            throw new IllegalArgumentException("unsupported exponent " + exponent);
        }
        if (minimumChargeMinor < 1) {
            throw new IllegalArgumentException("minimum charge must be positive");
        }
    }

    private static void two(String code, long min) {
        KNOWN.put(code, new Currency(code, 2, min));
    }

    private static void zero(String code, long min) {
        KNOWN.put(code, new Currency(code, 0, min));
    }

    private static void three(String code, long min) {
        KNOWN.put(code, new Currency(code, 3, min));
    }

    /** The currency for a code in any letter case, or empty when Paygate does not support it. */
    public static Optional<Currency> find(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(KNOWN.get(code.toLowerCase(Locale.ROOT)));
    }

    public static Currency of(String code) {
        return find(code).orElseThrow(() -> new IllegalArgumentException("unsupported currency: " + code));
    }

    public static Iterable<Currency> all() {
        return KNOWN.values();
    }

    /** The amount of one major unit (1.00 USD is 100, 1 JPY is 1, 1.000 KWD is 1000). */
    public long minorPerMajor() {
        return switch (exponent) {
            case 0 -> 1L;
            case 1 -> 10L;
            case 2 -> 100L;
            case 3 -> 1000L;
            default -> throw new IllegalStateException("exponent " + exponent);
        };
    }
}
