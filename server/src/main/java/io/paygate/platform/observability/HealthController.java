package io.paygate.platform.observability;

import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /healthz}: the process is up and serving HTTP. {@code /readyz}: it can also reach its
 * database and every migration is applied, so it can take traffic.
 */
@RestController
class HealthController {

    private final JdbcClient jdbc;
    private final Flyway flyway;

    HealthController(JdbcClient jdbc, Flyway flyway) {
        this.jdbc = jdbc;
        this.flyway = flyway;
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
                int pending = flyway.info().pending().length;
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
