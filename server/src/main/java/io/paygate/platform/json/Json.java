package io.paygate.platform.json;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON as Paygate writes it on the wire and stores it in text columns: field order kept, nulls
 * written out (Stripe's objects carry every field), no pretty printing.
 */
@Component
public class Json {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final JsonMapper mapper = JsonMapper.builder().build();

    public String write(Object value) {
        return mapper.writeValueAsString(value);
    }

    public Map<String, Object> readMap(String text) {
        if (text == null || text.isBlank()) {
            return new LinkedHashMap<>();
        }
        return mapper.readValue(text, MAP);
    }

    public Map<String, String> readStringMap(String text) {
        // Most stored metadata is empty: no parser for it.
        if (text == null || text.isBlank() || text.equals("{}")) {
            return new LinkedHashMap<>();
        }
        return mapper.readValue(text, STRING_MAP);
    }

    public JsonNode readTree(String text) {
        return mapper.readTree(text);
    }

    public Object readAny(String text) {
        return text == null ? null : mapper.readValue(text, Object.class);
    }

    public JsonMapper mapper() {
        return mapper;
    }
}
