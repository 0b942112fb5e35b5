package io.paygate.ledger.web;

import io.paygate.ledger.BalanceTransaction;
import io.paygate.ledger.Ledger;
import io.paygate.ledger.LedgerQueries;
import io.paygate.platform.pagination.PageRequest;
import io.paygate.platform.security.Access;
import io.paygate.platform.web.ApiContract;
import io.paygate.platform.web.ApiResponses;
import io.paygate.platform.web.CallContext;
import io.paygate.platform.wire.RangeFilter;
import io.paygate.platform.wire.RawParams;
import io.paygate.platform.wire.RequestBinder;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/balance} and {@code /v1/balance_transactions}: the merchant's money as the ledger holds it. */
@RestController
class BalanceController {

    record Retrieve(List<String> expand) {
    }

    record ListParams(Long limit, String startingAfter, String endingBefore, String type, RangeFilter created, String source,
                      String currency, List<String> expand) {
    }

    private final Ledger ledger;
    private final LedgerQueries queries;
    private final RequestBinder binder;
    private final ApiResponses responses;

    BalanceController(Ledger ledger, LedgerQueries queries, RequestBinder binder, ApiResponses responses) {
        this.ledger = ledger;
        this.queries = queries;
        this.binder = binder;
        this.responses = responses;
    }

    @GetMapping("/v1/balance")
    @Access(resource = "balance", level = Access.Level.READ)
    @ApiContract(params = Retrieve.class, returns = "balance", summary = "Retrieve the balance: available, pending and reserved per currency")
    ResponseEntity<String> balance(CallContext ctx, RawParams params) {
        binder.bind(params.values(), Retrieve.class);
        return responses.ok(ledger.balance(ctx.merchantId(), ctx.livemode()));
    }

    @GetMapping("/v1/balance_transactions/{id}")
    @Access(resource = "balance", level = Access.Level.READ)
    @ApiContract(params = Retrieve.class, returns = "balance_transaction", summary = "Retrieve a balance transaction")
    ResponseEntity<String> retrieve(CallContext ctx, @PathVariable String id, RawParams params) {
        binder.bind(params.values(), Retrieve.class);
        return responses.ok(ledger.balanceTransaction(ctx.merchantId(), ctx.livemode(), id).render());
    }

    @GetMapping("/v1/balance_transactions")
    @Access(resource = "balance", level = Access.Level.READ)
    @ApiContract(params = ListParams.class, returns = "balance_transaction", shape = ApiContract.Shape.LIST,
            summary = "List balance transactions")
    ResponseEntity<String> list(CallContext ctx, RawParams params) {
        ListParams query = binder.bind(params.values(), ListParams.class);
        var page = queries.list(ctx, query.type(), query.created(), query.source(), query.currency(),
                PageRequest.of(query.limit(), query.startingAfter(), query.endingBefore()));
        return responses.ok(page.toListObject("/v1/balance_transactions", BalanceTransaction::render));
    }
}
