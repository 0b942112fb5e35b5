package io.paygate.docs;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.List;
import java.util.Map;

/**
 * Derives a response schema from an object rendered by the same code that renders API answers,
 * so the described shape is the served shape. Fields that are null in the sample are nullable.
 */
final class SampleSchemas {

    private SampleSchemas() {
    }

    @SuppressWarnings("unchecked")
    static Schema<?> of(Object value) {
        if (value == null) {
            Schema<Object> unknown = new Schema<>();
            unknown.setNullable(true);
            return unknown;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectSchema object = new ObjectSchema();
            ((Map<String, Object>) map).forEach((k, v) -> object.addProperty(k, of(v)));
            return object;
        }
        if (value instanceof List<?> list) {
            return new ArraySchema().items(list.isEmpty() ? new StringSchema() : of(list.getFirst()));
        }
        if (value instanceof Boolean) {
            return new BooleanSchema();
        }
        if (value instanceof Number) {
            return new IntegerSchema().format("int64");
        }
        return new StringSchema();
    }
}
