package io.paygate.platform.observability;

import io.paygate.platform.errors.ApiException;
import io.paygate.platform.security.AdminOnly;
import io.paygate.platform.web.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/diagnostics/sql_capture/{request_id}} (admin token): what SQL a request caused. */
@RestController
@AdminOnly
class SqlCaptureController {

    private final ObjectProvider<SqlCapture> capture;
    private final ApiResponses responses;

    SqlCaptureController(ObjectProvider<SqlCapture> capture, ApiResponses responses) {
        this.capture = capture;
        this.responses = responses;
    }

    @GetMapping("/v1/diagnostics/sql_capture/{requestId}")
    ResponseEntity<String> get(@PathVariable String requestId) {
        SqlCapture sqlCapture = capture.getIfAvailable();
        if (sqlCapture == null) {
            throw ApiException.invalidRequest("SQL capture is off; start Paygate with paygate.diagnostics.sql-capture=true.");
        }
        List<SqlCapture.Entry> entries = sqlCapture.entries(requestId);
        if (entries == null) {
            throw ApiException.notFound("sql_capture", requestId, "request_id");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object", "sql_capture");
        out.put("request", requestId);
        out.put("entries", entries.stream().map(e -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", e.kind());
            row.put("connection", e.connection());
            row.put("sql", e.sql());
            row.put("params", e.params());
            return row;
        }).toList());
        return responses.ok(out);
    }
}
