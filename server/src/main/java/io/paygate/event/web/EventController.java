package io.paygate.event.web;

import io.paygate.platform.web.ApiContract;
import io.paygate.event.Event;
import io.paygate.event.EventLog;
import io.paygate.platform.errors.ApiException;
import io.paygate.platform.pagination.PageRequest;
import io.paygate.platform.security.Access;
import io.paygate.platform.web.ApiResponses;
import io.paygate.platform.web.CallContext;
import io.paygate.platform.wire.RangeFilter;
import io.paygate.platform.wire.RawParams;
import io.paygate.platform.wire.RequestBinder;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class EventController {

    record ListEvents(Long limit, String startingAfter, String endingBefore, String type, List<String> types,
                      RangeFilter created, Boolean deliverySuccess, List<String> expand) {
    }

    record Retrieve(List<String> expand) {
    }

    private final EventLog events;
    private final RequestBinder binder;
    private final ApiResponses responses;

    EventController(EventLog events, RequestBinder binder, ApiResponses responses) {
        this.events = events;
        this.binder = binder;
        this.responses = responses;
    }

    @GetMapping("/v1/events")
    @ApiContract(params = ListEvents.class, returns = "event", shape = ApiContract.Shape.LIST, summary = "List events")
    @Access(resource = "events", level = Access.Level.READ)
    ResponseEntity<String> list(CallContext ctx, RawParams params) {
        ListEvents query = binder.bind(params.values(), ListEvents.class);
        if (query.type() != null && query.types() != null) {
            throw ApiException.invalidRequest("You may only specify one of these parameters: type, types.");
        }
        List<String> types = new ArrayList<>();
        if (query.type() != null) {
            types.add(query.type());
        }
        if (query.types() != null) {
            if (query.types().size() > 20) {
                throw ApiException.invalidParam("types", "types may list at most 20 event types.");
            }
            types.addAll(query.types());
        }
        var page = events.list(ctx, types, query.created(), null,
                PageRequest.of(query.limit(), query.startingAfter(), query.endingBefore()));
        return responses.ok(page.toListObject("/v1/events", Event::render));
    }

    @GetMapping("/v1/events/{id}")
    @ApiContract(params = Retrieve.class, returns = "event", summary = "Retrieve an event")
    @Access(resource = "events", level = Access.Level.READ)
    ResponseEntity<String> retrieve(CallContext ctx, @PathVariable String id, RawParams params) {
        binder.bind(params.values(), Retrieve.class);
        return responses.ok(events.get(ctx, id).render());
    }
}
