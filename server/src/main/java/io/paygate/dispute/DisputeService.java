package io.paygate.dispute;

import io.paygate.connector.ConnectorAccountService;
import io.paygate.connector.ConnectorRegistry;
import io.paygate.connector.spi.ConnectorAccount;
import io.paygate.connector.spi.DisputeOutcome;
import io.paygate.connector.spi.DisputeReport;
import io.paygate.connector.spi.DisputeRequest;
import io.paygate.event.EventLog;
import io.paygate.ledger.BalanceTransaction;
import io.paygate.ledger.Ledger;
import io.paygate.ledger.LedgerQueries;
import io.paygate.payment.Charge;
import io.paygate.payment.ChargeBook;
import io.paygate.payment.ReconcilerSettings;
import io.paygate.platform.db.Where;
import io.paygate.platform.errors.ApiException;
import io.paygate.platform.ids.Ids;
import io.paygate.platform.json.Diff;
import io.paygate.platform.pagination.CreatedRange;
import io.paygate.platform.pagination.Page;
import io.paygate.platform.pagination.PageRequest;
import io.paygate.platform.web.CallContext;
import io.paygate.platform.wire.RangeFilter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Disputes are opened and decided by the processor; Paygate mirrors them, moves the money in the
 * ledger (withdrawn into the dispute reserve when a chargeback opens, returned if it is won, paid
 * out if it is lost) and lets the merchant answer with evidence or accept.
 */
@Service
public class DisputeService {

    private static final Logger log = LoggerFactory.getLogger(DisputeService.class);

    private final DisputeRepository disputes;
    private final ChargeBook charges;
    private final Ledger ledger;
    private final LedgerQueries ledgerQueries;
    private final ConnectorAccountService connectorAccounts;
    private final ConnectorRegistry connectors;
    private final EventLog events;
    private final Ids ids;
    private final Clock clock;
    private final ReconcilerSettings settings;
    private final org.springframework.transaction.support.TransactionTemplate tx;

    DisputeService(DisputeRepository disputes, ChargeBook charges, Ledger ledger, LedgerQueries ledgerQueries,
                   ConnectorAccountService connectorAccounts, ConnectorRegistry connectors, EventLog events, Ids ids,
                   Clock clock, ReconcilerSettings settings, org.springframework.transaction.support.TransactionTemplate tx) {
        this.disputes = disputes;
        this.charges = charges;
        this.ledger = ledger;
        this.ledgerQueries = ledgerQueries;
        this.connectorAccounts = connectorAccounts;
        this.connectors = connectors;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
        this.tx = tx;
    }

    /** Asks the processor about a dispute it reported and mirrors what it says. */
    public Optional<Dispute> refreshFromProcessor(String connectorAccountId, String reference) {
        ConnectorAccount account = connectorAccounts.forCall(connectorAccountId);
        DisputeOutcome outcome = connectors.get(account.type()).lookupDispute(new DisputeRequest(null, account, reference, null,
                false, io.paygate.connector.spi.RequestTrace.NONE));
        if (outcome instanceof DisputeOutcome.Found found) {
            return applyReport(connectorAccountId, found.dispute(), null);
        }
        log.warn("Could not read dispute {} from the processor: {}", reference, outcome);
        return Optional.empty();
    }

    /**
     * Mirrors a processor's dispute report in one transaction with the charge locked. Evidence the
     * merchant just sent ({@code evidence}) is stored with it.
     */
    public Optional<Dispute> applyReport(String connectorAccountId, DisputeReport report, Map<String, String> evidence) {
        return tx.execute(status -> applyReportLocked(connectorAccountId, report, evidence));
    }

    private Optional<Dispute> applyReportLocked(String connectorAccountId, DisputeReport report, Map<String, String> evidence) {
        Optional<Charge> locked = charges.lockForProcessor(connectorAccountId, report.authorizationKey());
        if (locked.isEmpty()) {
            log.warn("Processor reported dispute {} for unknown charge {}", report.reference(), report.authorizationKey());
            return Optional.empty();
        }
        Charge charge = locked.get();
        CallContext ctx = CallContext.system(charge.merchantId(), charge.livemode());
        long now = clock.millis();
        Optional<Dispute> existing = disputes.findByReference(connectorAccountId, report.reference(), true);
        Dispute before = existing.orElseGet(() -> opened(charge, connectorAccountId, report, now));
        Dispute after = moveMoney(ctx, charge, before, report.status());
        after = new Dispute(after.id(), after.merchantId(), after.livemode(), after.chargeId(), after.paymentIntentId(),
                after.amount(), after.fee(), after.currency(), report.status(), report.reason() == null ? after.reason() : report.reason(),
                evidence == null ? after.evidence() : evidence, report.evidenceDueBy(), report.submissionCount(),
                after.fundsWithdrawn(), after.fundsReinstated(), after.connectorAccountId(), after.processorReference(),
                after.metadata(), after.created());
        Long nextCheck = Dispute.isClosed(after.status()) ? null : now + settings.actionPollMs();
        if (existing.isEmpty()) {
            disputes.insert(after, now, nextCheck);
            events.record(ctx, "charge.dispute.created", render(after), null);
        } else {
            disputes.update(after, now, nextCheck);
            Map<String, Object> previous = Diff.previousAttributes(render(before), render(after));
            previous.remove("balance_transactions");
            if (!before.status().equals(after.status()) || !previous.isEmpty()) {
                events.record(ctx, Dispute.isClosed(after.status()) && !Dispute.isClosed(before.status())
                        ? "charge.dispute.closed" : "charge.dispute.updated", render(after), previous);
            }
        }
        if (after.fundsWithdrawn() && !before.fundsWithdrawn()) {
            events.record(ctx, "charge.dispute.funds_withdrawn", render(after), null);
        }
        if (after.fundsReinstated() && !before.fundsReinstated()) {
            events.record(ctx, "charge.dispute.funds_reinstated", render(after), null);
        }
        return Optional.of(after);
    }

    private Dispute opened(Charge charge, String connectorAccountId, DisputeReport report, long now) {
        return new Dispute(ids.next("dp"), charge.merchantId(), charge.livemode(), charge.id(), charge.paymentIntentId(),
                report.amount().amountMinor(), 0, charge.currency(), "new", report.reason() == null ? "general" : report.reason(),
                Map.of(), report.evidenceDueBy(), 0, false, false, connectorAccountId, report.reference(), Map.of(), now / 1000);
    }

    /** Ledger movements for the status change: withdraw once a chargeback opens, then reinstate or pay out. */
    private Dispute moveMoney(CallContext ctx, Charge charge, Dispute d, String newStatus) {
        boolean withdrawn = d.fundsWithdrawn();
        boolean reinstated = d.fundsReinstated();
        long fee = d.fee();
        if (!withdrawn && Dispute.isChargeback(newStatus)) {
            Ledger.Withdrawn w = ledger.recordDisputeWithdrawal(d.id(), charge.ledgerView(), d.amount());
            charges.adjust(charge.id(), 0, 0, 0, d.amount());
            withdrawn = true;
            fee = w.fee();
        }
        if (withdrawn && !reinstated && newStatus.equals("won")) {
            ledger.recordDisputeReinstatement(d.id(), charge.ledgerView(), d.amount(), fee);
            charges.adjust(charge.id(), 0, 0, 0, -d.amount());
            reinstated = true;
        }
        if (withdrawn && newStatus.equals("lost") && !d.status().equals("lost")) {
            ledger.recordDisputeLoss(d.id(), charge.ledgerView(), d.amount(), fee);
        }
        return new Dispute(d.id(), d.merchantId(), d.livemode(), d.chargeId(), d.paymentIntentId(), d.amount(), fee,
                d.currency(), d.status(), d.reason(), d.evidence(), d.evidenceDueBy(), d.submissionCount(), withdrawn,
                reinstated, d.connectorAccountId(), d.processorReference(), d.metadata(), d.created());
    }

    /** Updates evidence (and metadata), submitting it to the processor when {@code submit} is set. */
    public Dispute update(CallContext ctx, String id, Map<String, String> evidenceChanges, Map<String, String> metadata,
                          boolean submit) {
        Dispute dispute = get(ctx, id);
        if ((evidenceChanges != null || submit) && !dispute.acceptsEvidence()) {
            throw closedOrUnderReview(dispute);
        }
        if (metadata != null) {
            saveMetadata(dispute, metadata);
        }
        if (evidenceChanges == null && !submit) {
            return get(ctx, id);
        }
        Map<String, String> evidence = new LinkedHashMap<>(dispute.evidence());
        if (evidenceChanges != null) {
            evidenceChanges.forEach((k, v) -> {
                if (v == null || v.isEmpty()) {
                    evidence.remove(k);
                } else {
                    evidence.put(k, v);
                }
            });
        }
        ConnectorAccount account = connectorAccounts.forCall(dispute.connectorAccountId());
        DisputeOutcome outcome = connectors.get(account.type()).updateDisputeEvidence(new DisputeRequest(ids.next("dpu"),
                account, dispute.processorReference(), evidence, submit, ctx.trace()));
        return afterProcessorCall(dispute, outcome, evidence);
    }

    /** Accepts the dispute: the merchant concedes and it is closed as lost (an inquiry simply closes). */
    public Dispute close(CallContext ctx, String id) {
        Dispute dispute = get(ctx, id);
        if (!dispute.acceptsEvidence()) {
            throw closedOrUnderReview(dispute);
        }
        ConnectorAccount account = connectorAccounts.forCall(dispute.connectorAccountId());
        DisputeOutcome outcome = connectors.get(account.type()).acceptDispute(new DisputeRequest(ids.next("dpc"), account,
                dispute.processorReference(), null, false, ctx.trace()));
        return afterProcessorCall(dispute, outcome, null);
    }

    private Dispute afterProcessorCall(Dispute dispute, DisputeOutcome outcome, Map<String, String> evidence) {
        return switch (outcome) {
            case DisputeOutcome.Found found -> applyReport(dispute.connectorAccountId(), found.dispute(), evidence).orElseThrow();
            case DisputeOutcome.Refused refused -> throw ApiException.invalidRequest(refused.code(),
                    "The processor refused the request: " + refused.message(), null);
            case DisputeOutcome.NotFound notFound -> throw ApiException.api("The processor no longer knows this dispute.");
            case DisputeOutcome.Unknown unknown -> throw new ApiException(503, "api_error", "processor_unavailable",
                    "Paygate could not reach the processor; nothing was changed. Retry the request.", null, null, null);
        };
    }

    private void saveMetadata(Dispute dispute, Map<String, String> metadata) {
        tx.executeWithoutResult(status -> saveMetadataLocked(dispute, metadata));
    }

    private void saveMetadataLocked(Dispute dispute, Map<String, String> metadata) {
        Dispute locked = disputes.findById(dispute.id(), true).orElseThrow();
        Dispute after = new Dispute(locked.id(), locked.merchantId(), locked.livemode(), locked.chargeId(),
                locked.paymentIntentId(), locked.amount(), locked.fee(), locked.currency(), locked.status(), locked.reason(),
                locked.evidence(), locked.evidenceDueBy(), locked.submissionCount(), locked.fundsWithdrawn(),
                locked.fundsReinstated(), locked.connectorAccountId(), locked.processorReference(), metadata, locked.created());
        disputes.update(after, clock.millis(), Dispute.isClosed(after.status()) ? null : clock.millis() + settings.actionPollMs());
    }

    private static ApiException closedOrUnderReview(Dispute dispute) {
        if (Dispute.isClosed(dispute.status())) {
            return ApiException.invalidRequest("dispute_closed", "This dispute is already closed (" + dispute.status()
                    + "); it no longer takes evidence and cannot be accepted.", null);
        }
        return ApiException.invalidRequest("dispute_under_review", "This dispute's evidence was submitted and is under "
                + "review; it can no longer be changed or accepted.", null);
    }

    public Dispute get(CallContext ctx, String id) {
        return disputes.find(ctx.merchantId(), ctx.livemode(), id).orElseThrow(() -> ApiException.notFound("dispute", id, "id"));
    }

    public Map<String, Object> render(Dispute dispute) {
        return dispute.render(ledgerQueries.forSource(dispute.merchantId(), dispute.livemode(), dispute.id()).stream()
                .map(BalanceTransaction::render).toList(), clock.instant().getEpochSecond());
    }

    public Page<Dispute> list(CallContext ctx, String chargeId, String paymentIntentId, RangeFilter created, PageRequest page) {
        Where where = Where.of("merchant_id = ? and livemode = ?", ctx.merchantId(), ctx.livemode());
        if (chargeId != null) {
            where.and("charge_id = ?", chargeId);
        }
        if (paymentIntentId != null) {
            where.and("payment_intent_id = ?", paymentIntentId);
        }
        CreatedRange.apply(where, "id", "dp", created);
        return disputes.page(where, page);
    }

    java.util.List<String> due(long nowMs, int limit) {
        return disputes.due(nowMs, limit);
    }

    boolean claim(String id, long nowMs, long leaseUntilMs) {
        return disputes.claim(id, nowMs, leaseUntilMs);
    }

    Optional<Dispute> findById(String id) {
        return disputes.findById(id, false);
    }
}
