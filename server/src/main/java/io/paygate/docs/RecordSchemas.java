package io.paygate.docs;

import io.paygate.platform.wire.MetadataUpdate;
import io.paygate.platform.wire.RangeFilter;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Describes a request record the way the API reads it: snake_case names, Stripe's bracket notation
 * for nested fields in query strings, integers for money. The records are the parsing code, so the
 * description is exactly what the server accepts.
 */
final class RecordSchemas {

    private static final int MAX_DEPTH = 4;

    private RecordSchemas() {
    }

    static Schema<?> bodySchema(Class<?> record) {
        return schemaFor(record, 0);
    }

    /** The record's fields as query parameters: {@code limit}, {@code created[gte]}, {@code expand[]}. */
    static List<Parameter> queryParameters(Class<?> record) {
        List<Parameter> out = new ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            addQuery(out, snake(component.getName()), component.getGenericType(), 0);
        }
        return out;
    }

    private static void addQuery(List<Parameter> out, String name, Type type, int depth) {
        Class<?> raw = rawClass(type);
        if (raw == RangeFilter.class) {
            for (String op : List.of("gt", "gte", "lt", "lte")) {
                out.add(new Parameter().in("query").name(name + "[" + op + "]").schema(new IntegerSchema().format("int64")));
            }
            return;
        }
        if (raw.isRecord() && depth < MAX_DEPTH) {
            for (RecordComponent component : raw.getRecordComponents()) {
                addQuery(out, name + "[" + snake(component.getName()) + "]", component.getGenericType(), depth + 1);
            }
            return;
        }
        if (List.class.isAssignableFrom(raw)) {
            out.add(new Parameter().in("query").name(name + "[]").schema(schemaFor(type, depth)));
            return;
        }
        out.add(new Parameter().in("query").name(name).schema(schemaFor(type, depth)));
    }

    static Schema<?> schemaFor(Type type, int depth) {
        Class<?> raw = rawClass(type);
        if (raw == Long.class || raw == long.class || raw == Integer.class || raw == int.class) {
            return new IntegerSchema().format("int64");
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return new BooleanSchema();
        }
        if (raw == String.class) {
            return new StringSchema();
        }
        if (raw == MetadataUpdate.class) {
            return new ObjectSchema().additionalProperties(new StringSchema())
                    .description("Up to 50 keys of up to 40 characters, values up to 500 characters. On update, an empty "
                            + "value removes the key and an empty metadata removes all keys.");
        }
        if (raw == RangeFilter.class) {
            ObjectSchema range = new ObjectSchema();
            range.description("An exact integer, or a hash of gt, gte, lt and lte.");
            for (String op : List.of("gt", "gte", "lt", "lte")) {
                range.addProperty(op, new IntegerSchema().format("int64"));
            }
            return range;
        }
        if (List.class.isAssignableFrom(raw)) {
            Type item = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : String.class;
            return new ArraySchema().items(schemaFor(item, depth + 1));
        }
        if (Map.class.isAssignableFrom(raw)) {
            Type value = type instanceof ParameterizedType p ? p.getActualTypeArguments()[1] : Object.class;
            return new ObjectSchema().additionalProperties(rawClass(value) == String.class ? new StringSchema() : new ObjectSchema());
        }
        if (raw.isRecord() && depth < MAX_DEPTH) {
            ObjectSchema object = new ObjectSchema();
            for (RecordComponent component : raw.getRecordComponents()) {
                object.addProperty(snake(component.getName()), schemaFor(component.getGenericType(), depth + 1));
            }
            return object;
        }
        return new ObjectSchema();
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    static String snake(String camel) {
        StringBuilder out = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
