package io.paygate.event;

import io.paygate.platform.db.HeldWrites;
import io.paygate.platform.db.InList;
import io.paygate.platform.db.Where;
import io.paygate.platform.errors.ApiException;
import io.paygate.platform.ids.Ids;
import io.paygate.platform.json.Json;
import io.paygate.platform.pagination.CreatedRange;
import io.paygate.platform.pagination.Lister;
import io.paygate.platform.pagination.Page;
import io.paygate.platform.pagination.PageRequest;
import io.paygate.platform.web.CallContext;
import io.paygate.platform.wire.RangeFilter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import io.paygate.platform.db.Transactions;
import java.util.ArrayList;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The event log. Every state change records its event in the same transaction as the change
 * (callers must already be in one), so an event exists if and only if the change committed.
 *
 * <p>A transaction's events are written together just before it commits, held with its other
 * writes ({@link HeldWrites}): a payment's outcome records two or three, and they go to the database
 * with the outbox rows that follow from them and the rest of the transaction's writes instead of one
 * round trip per row. Nothing reads an event in the transaction that records it.
 */
@Service
public class EventLog {

    private static final String COLUMNS = "id, merchant_id, livemode, type, object_id, api_version, data, request_id, idempotency_key, created";

    private final JdbcClient jdbc;
    private final Json json;
    private final Ids ids;
    private final Clock clock;
    private final String apiVersion;
    private final ApplicationEventPublisher publisher;
    private final HeldWrites writes;
    /** Key of the current transaction's events not yet written. */
    private final Object unwrittenKey = new Object();

    EventLog(JdbcClient jdbc, HeldWrites writes, Json json, Ids ids, Clock clock,
             @Value("${paygate.api-version:2026-07-29.dahlia}") String apiVersion, ApplicationEventPublisher publisher) {
        this.publisher = publisher;
        this.jdbc = jdbc;
        this.writes = writes;
        this.json = json;
        this.ids = ids;
        this.clock = clock;
        this.apiVersion = apiVersion;
    }

    /**
     * Records {@code type} about {@code object} (as rendered on the wire). For {@code *.updated}
     * events, {@code previousAttributes} holds the old values of the fields that changed.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Event record(CallContext ctx, String type, Map<String, Object> object, Map<String, Object> previousAttributes) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("object", object);
        if (previousAttributes != null) {
            data.put("previous_attributes", previousAttributes);
        }
        Event event = new Event(ids.next("evt"), ctx.merchantId(), ctx.livemode(), type, (String) object.get("id"),
                apiVersion, data, ctx.requestId(), ctx.idempotencyKey(), clock.instant().getEpochSecond());
        // Serialised now: the caller may change its maps after this call, the event must not.
        Unwritten row = new Unwritten(event, json.write(event.data()));
        Transactions.scoped(unwrittenKey, () -> {
            List<Unwritten> created = new ArrayList<>();
            Transactions.beforeCommit(() -> write(created));
            return created;
        }).add(row);
        return event;
    }

    private record Unwritten(Event event, String data) {
    }

    /** Writes a transaction's events in one batch and lets the outboxes add theirs. */
    private void write(List<Unwritten> unwritten) {
        if (unwritten.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(unwritten.size());
        List<Event> events = new ArrayList<>(unwritten.size());
        List<String> data = new ArrayList<>(unwritten.size());
        for (Unwritten u : unwritten) {
            Event e = u.event();
            rows.add(new Object[] {e.id(), e.merchantId(), e.livemode(), e.type(), e.objectId(), e.apiVersion(), u.data(),
                    e.requestId(), e.idempotencyKey(), e.created()});
            events.add(e);
            data.add(u.data());
        }
        unwritten.clear();
        writes.batch("insert into events (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        publisher.publishEvent(new EventsRecorded(List.copyOf(events), List.copyOf(data)));
    }

    public Event get(CallContext ctx, String id) {
        return jdbc.sql("select " + COLUMNS + " from events where id = ?")
                .param(id)
                .query(this::map).optional().filter(e -> e.merchantId().equals(ctx.merchantId()) && e.livemode() == ctx.livemode())
                .orElseThrow(() -> ApiException.notFound("event", id, "id"));
    }

    /** An event by id, whoever it belongs to: for delivery, which already knows the owner. */
    public java.util.Optional<Event> findById(String id) {
        return jdbc.sql("select " + COLUMNS + " from events where id = ?").param(id).query(this::map).optional();
    }

    /** Events by id, whoever they belong to, in one query: for delivering a batch. Missing ids are absent. */
    public Map<String, Event> findByIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        InList in = InList.of(ids);
        Map<String, Event> out = new java.util.HashMap<>();
        jdbc.sql("select " + COLUMNS + " from events where id in (" + in.placeholders() + ")").params(in.values())
                .query(this::map).list().forEach(e -> out.put(e.id(), e));
        return out;
    }

    /** Newest first; {@code types} may end in {@code .*} to match a family such as {@code payment_intent.*}. */
    public Page<Event> list(CallContext ctx, List<String> types, RangeFilter created, String objectId, PageRequest page) {
        Where where = Where.of("merchant_id = ? and livemode = ?", ctx.merchantId(), ctx.livemode());
        if (types != null && !types.isEmpty()) {
            StringBuilder clause = new StringBuilder("(");
            Object[] values = new Object[types.size()];
            for (int i = 0; i < types.size(); i++) {
                String type = types.get(i);
                if (i > 0) {
                    clause.append(" or ");
                }
                if (type.endsWith(".*")) {
                    clause.append("type like ?");
                    values[i] = type.substring(0, type.length() - 1) + "%";
                } else {
                    clause.append("type = ?");
                    values[i] = type;
                }
            }
            where.and(clause.append(')').toString(), values);
        }
        if (objectId != null) {
            where.and("object_id = ?", objectId);
        }
        CreatedRange.apply(where, "id", "evt", created);
        if (types != null && !types.isEmpty()) {
            // The ids from events_by_type alone: for a common type PostgreSQL otherwise walks the
            // primary key, and reads every newer event of other types before it has a page.
            return Lister.pageByIds(jdbc, COLUMNS, "events", where, page, this::map);
        }
        return Lister.page(jdbc, "select " + COLUMNS + " from events", "id", where, page, this::map);
    }

    /** Events about one object, oldest first (used by tests and the dashboard). */
    public List<Event> forObject(CallContext ctx, String objectId) {
        return jdbc.sql("select " + COLUMNS + " from events where object_id = ? and merchant_id = ? and livemode = ? order by id")
                .params(objectId, ctx.merchantId(), ctx.livemode()).query(this::map).list();
    }

    /**
     * Events by id whatever their merchant, for the publishers of the outbox. API callers are
     * scoped to one merchant and use {@link #get} instead.
     */
    public List<Event> forPublication(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from events where id in (:ids)").param("ids", ids).query(this::map).list();
    }

    private Event map(ResultSet rs, int row) throws SQLException {
        return new Event(rs.getString("id"), rs.getString("merchant_id"), rs.getBoolean("livemode"), rs.getString("type"),
                rs.getString("object_id"), rs.getString("api_version"), json.readMap(rs.getString("data")),
                rs.getString("request_id"), rs.getString("idempotency_key"), rs.getLong("created"));
    }
}
