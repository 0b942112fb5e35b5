package io.paygate.platform.web;

import io.paygate.platform.json.Json;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** Renders API answers: JSON, UTF-8, written by the one {@link Json} so replays are byte-identical. */
@Component
public class ApiResponses {

    public static final MediaType JSON = MediaType.parseMediaType("application/json;charset=utf-8");

    private final Json json;

    public ApiResponses(Json json) {
        this.json = json;
    }

    public ResponseEntity<String> ok(Object body) {
        return of(200, json.write(body));
    }

    public static ResponseEntity<String> of(int status, String body) {
        return ResponseEntity.status(status).contentType(JSON).body(body);
    }

    public String write(Object body) {
        return json.write(body);
    }
}
