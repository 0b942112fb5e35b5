package io.paygate.platform.observability;

import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /healthz}: the process is up and serving HTTP. {@code /readyz}: it can also reach its
 * database and every migration is applied, so it can take traffic.
 *
 * <p>Once every migration this build carries has been applied (by this process at start-up, or seen
 * applied by a probe), that stays true for the life of the process, so probes only check the
 * database: asking Flyway reads every migration script and the history table, too much for a probe
 * that runs every few seconds, and for the first one, which a start-up waits for.
 */
@RestController
class HealthController {

    private final JdbcClient jdbc;
    private final Flyway flyway;
    private volatile boolean migrated;

    /**
     * {@code migratedAtStart}: Spring Boot's initializer, which migrated the database before this
     * controller existed (start-up fails if it cannot), unless a custom strategy replaced the migration.
     */
    HealthController(JdbcClient jdbc, Flyway flyway, ObjectProvider<FlywayMigrationInitializer> migratedAtStart,
                     ObjectProvider<FlywayMigrationStrategy> customStrategy) {
        this.jdbc = jdbc;
        this.flyway = flyway;
        this.migrated = migratedAtStart.getIfAvailable() != null && customStrategy.getIfAvailable() == null;
    }

    @GetMapping(value = "/healthz", produces = "application/json")
    Map<String, Object> health() {
        return Map.of("status", "ok");
    }

    @GetMapping(value = "/readyz", produces = "application/json")
    ResponseEntity<Map<String, Object>> ready() {
        Map<String, Object> out = new LinkedHashMap<>();
        boolean ready = true;
        try {
            jdbc.sql("select 1").query(Integer.class).single();
            out.put("database", "ok");
        } catch (RuntimeException e) {
            out.put("database", "unreachable");
            ready = false;
        }
        if (ready) {
            try {
                int pending = migrated ? 0 : flyway.info().pending().length;
                migrated = pending == 0;
                out.put("migrations", pending == 0 ? "up_to_date" : pending + " pending");
                ready = pending == 0;
            } catch (RuntimeException e) {
                out.put("migrations", "unknown");
                ready = false;
            }
        }
        out.put("status", ready ? "ready" : "not_ready");
        return ResponseEntity.status(ready ? 200 : 503).body(out);
    }
}
