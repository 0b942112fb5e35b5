package io.paygate.ledger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.paygate.connector.spi.Currency;
import io.paygate.connector.spi.Money;
import io.paygate.platform.db.Transactions;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Per-merchant pricing: a percentage plus a fixed amount per payment method type and currency,
 * rounded by an explicit rule, and what refunds and disputes cost. The most specific row wins
 * (type and currency, then type, then currency, then the merchant's default); without any row
 * the platform default applies: 2.9% + 0.30 in two-decimal currencies, half-up, fees returned
 * proportionally on refunds, a dispute fee of 15 major units.
 *
 * <p>Every capture reads its merchant's pricing and settlement delay, so both are kept for
 * {@code paygate.ledger.terms-cache-ttl} (default 2 s; 0 turns the cache off). A change made on this
 * node applies to this node's next payment; another node of the same database applies it once its
 * copy ages out.
 */
@Service
public class FeeSchedule {

    public static final String ANY = "*";

    /** A pricing row. {@code refundFees}: fees are returned in proportion to the amount refunded. */
    public record Pricing(String paymentMethodType, String currency, int percentBps, long fixedMinor, RoundingMode rounding,
                          boolean refundFees, long disputeFeeMinor) {

        public long fee(Money amount) {
            long percentage = amount.timesBasisPoints(percentBps, rounding).amountMinor();
            return Math.max(0, Math.min(amount.amountMinor(), Math.addExact(percentage, fixedMinor)));
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int defaultDelayDays;
    /** A merchant's pricing rows per mode, by {@code merchant/livemode}. */
    private final Cache<String, List<Pricing>> pricing;
    private final Cache<String, Integer> delays;

    FeeSchedule(JdbcClient jdbc, Clock clock, @Value("${paygate.ledger.settlement-delay-days:2}") int defaultDelayDays,
                @Value("${paygate.ledger.terms-cache-ttl:PT2S}") Duration cacheTtl) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.defaultDelayDays = defaultDelayDays;
        this.pricing = Caffeine.newBuilder().maximumSize(cacheTtl.isZero() ? 0 : 10_000).expireAfterWrite(cacheTtl).build();
        this.delays = Caffeine.newBuilder().maximumSize(cacheTtl.isZero() ? 0 : 10_000).expireAfterWrite(cacheTtl).build();
    }

    public Pricing pricingFor(String merchantId, boolean livemode, String paymentMethodType, Currency currency) {
        return pricing.get(merchantId + "/" + livemode, key -> list(merchantId, livemode)).stream()
                .filter(p -> (p.paymentMethodType().equals(paymentMethodType) || ANY.equals(p.paymentMethodType()))
                        && (p.currency().equals(currency.code()) || ANY.equals(p.currency())))
                .max(java.util.Comparator.comparingInt(FeeSchedule::specificity))
                .orElseGet(() -> platformDefault(currency));
    }

    /** Drops a changed merchant's copy now and again when the change's transaction ends, so no copy read meanwhile survives it. */
    private static void forget(Cache<String, ?> cache, String key) {
        cache.invalidate(key);
        if (Transactions.active()) {
            Transactions.afterCompletion(() -> cache.invalidate(key));
        }
    }

    private static int specificity(Pricing p) {
        return (ANY.equals(p.paymentMethodType()) ? 0 : 2) + (ANY.equals(p.currency()) ? 0 : 1);
    }

    public static Pricing platformDefault(Currency currency) {
        return new Pricing(ANY, ANY, 290, 30 * currency.minorPerMajor() / 100, RoundingMode.HALF_UP, true,
                15 * currency.minorPerMajor());
    }

    public void setPricing(String merchantId, boolean livemode, Pricing pricing) {
        jdbc.sql("delete from merchant_pricing where merchant_id = ? and livemode = ? and payment_method_type = ? and currency = ?")
                .params(merchantId, livemode, pricing.paymentMethodType(), pricing.currency()).update();
        jdbc.sql("""
                insert into merchant_pricing (merchant_id, livemode, payment_method_type, currency, percent_bps, fixed_minor,
                    rounding, refund_fees, dispute_fee_minor, created) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(merchantId, livemode, pricing.paymentMethodType(), pricing.currency(), pricing.percentBps(),
                        pricing.fixedMinor(), pricing.rounding().name(), pricing.refundFees() ? "proportional" : "none",
                        pricing.disputeFeeMinor(), clock.instant().getEpochSecond())
                .update();
        forget(this.pricing, merchantId + "/" + livemode);
    }

    public List<Pricing> list(String merchantId, boolean livemode) {
        return jdbc.sql("""
                select payment_method_type, currency, percent_bps, fixed_minor, rounding, refund_fees, dispute_fee_minor
                from merchant_pricing where merchant_id = ? and livemode = ? order by payment_method_type, currency""")
                .params(merchantId, livemode)
                .query((rs, n) -> new Pricing(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4),
                        RoundingMode.valueOf(rs.getString(5)), rs.getString(6).equals("proportional"), rs.getLong(7)))
                .list();
    }

    public int settlementDelayDays(String merchantId) {
        return delays.get(merchantId, key -> {
            Optional<Integer> configured = jdbc.sql("select settlement_delay_days from merchant_settlement where merchant_id = ?")
                    .param(merchantId).query(Integer.class).optional();
            return configured.orElse(defaultDelayDays);
        });
    }

    public void setSettlementDelayDays(String merchantId, int days) {
        jdbc.sql("delete from merchant_settlement where merchant_id = ?").param(merchantId).update();
        jdbc.sql("insert into merchant_settlement (merchant_id, settlement_delay_days, created) values (?, ?, ?)")
                .params(merchantId, days, clock.instant().getEpochSecond()).update();
        forget(delays, merchantId);
    }

    public static RoundingMode rounding(String wire) {
        return switch (wire.toLowerCase(Locale.ROOT)) {
            case "half_up" -> RoundingMode.HALF_UP;
            case "half_even" -> RoundingMode.HALF_EVEN;
            case "up" -> RoundingMode.UP;
            case "down" -> RoundingMode.DOWN;
            default -> throw new IllegalArgumentException("rounding must be half_up, half_even, up or down");
        };
    }
}
