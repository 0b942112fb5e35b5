package io.paygate.platform.json;

import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
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

    /**
     * {@code value} as JSON text. The maps, lists, strings, whole numbers and booleans that rendered
     * objects are made of are written straight to the generator, without the object mapper's lookup
     * of a serializer for every value; anything else is written by the mapper, so the text is the
     * mapper's in every case.
     */
    public String write(Object value) {
        if (!(value instanceof Map<?, ?>) && !(value instanceof List<?>)) {
            return mapper.writeValueAsString(value);
        }
        TextWriter out = new TextWriter();
        try (JsonGenerator generator = mapper.createGenerator(out)) {
            writeTree(generator, value);
        }
        return out.toString();
    }

    private void writeTree(JsonGenerator generator, Object value) {
        switch (value) {
            case null -> generator.writeNull();
            case String text -> generator.writeString(text);
            case Long number -> generator.writeNumber(number);
            case Integer number -> generator.writeNumber(number);
            case Boolean flag -> generator.writeBoolean(flag);
            case Map<?, ?> map when hasTextKeys(map) -> {
                generator.writeStartObject(map);
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    generator.writeName((String) entry.getKey());
                    writeTree(generator, entry.getValue());
                }
                generator.writeEndObject();
            }
            case List<?> list -> {
                generator.writeStartArray(list, list.size());
                for (Object item : list) {
                    writeTree(generator, item);
                }
                generator.writeEndArray();
            }
            default -> mapper.writeValue(generator, value);
        }
    }

    private static boolean hasTextKeys(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
    }

    /** A {@link java.io.StringWriter} without its lock: each text has one writer. */
    private static final class TextWriter extends Writer {
        private final StringBuilder text = new StringBuilder(256);

        @Override
        public void write(char[] chars, int offset, int length) {
            text.append(chars, offset, length);
        }

        @Override
        public void write(String chars, int offset, int length) {
            text.append(chars, offset, offset + length);
        }

        @Override
        public void write(int c) {
            text.append((char) c);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return text.toString();
        }
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
