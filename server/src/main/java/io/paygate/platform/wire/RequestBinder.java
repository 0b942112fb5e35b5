package io.paygate.platform.wire;

import io.paygate.platform.errors.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.core.JacksonException;

/**
 * Binds decoded request parameters onto one request record per endpoint. Unknown parameters,
 * wrong types and fractional amounts are refused with Stripe's error objects; the offending value
 * is never echoed back, since it could be card data.
 */
@Component
public class RequestBinder {

    private final JsonMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .withCoercionConfigDefaults(config -> config.setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull))
            .build();

    public <T> T bind(Map<String, Object> params, Class<T> type) {
        try {
            return mapper.convertValue(params, type);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.unknownParam(path(e.getPath(), e.getPropertyName()));
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ApiException api) {
                throw api;
            }
            String message = cause != null && cause.getMessage() != null ? cause.getMessage() : "Invalid value.";
            throw ApiException.invalidParam(path(e.getPath(), null), message);
        } catch (InvalidFormatException e) {
            throw invalidType(path(e.getPath(), null), e.getTargetType());
        } catch (MismatchedInputException e) {
            throw invalidType(path(e.getPath(), null), e.getTargetType());
        } catch (DatabindException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ApiException api) {
                throw api;
            }
            if (cause instanceof IllegalArgumentException iae && iae.getMessage() != null) {
                throw ApiException.invalidParam(path(e.getPath(), null), iae.getMessage());
            }
            throw ApiException.invalidParam(path(e.getPath(), null), "Invalid value for " + path(e.getPath(), null) + ".");
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidRequest(e.getMessage() == null ? "Invalid request." : e.getMessage());
        } catch (JacksonException e) {
            throw ApiException.invalidRequest("Invalid request parameters.");
        }
    }

    private static ApiException invalidType(String param, Class<?> target) {
        String expected;
        if (target == null) {
            expected = "a valid value";
        } else if (target == Long.class || target == long.class || target == Integer.class || target == int.class) {
            expected = "an integer";
        } else if (target == Boolean.class || target == boolean.class) {
            expected = "a boolean (true or false)";
        } else if (List.class.isAssignableFrom(target) || target.isArray()) {
            expected = "an array";
        } else if (Map.class.isAssignableFrom(target) || target.isRecord()) {
            expected = "a hash";
        } else if (target == String.class) {
            expected = "a string";
        } else {
            expected = "a valid value";
        }
        return ApiException.invalidParam(param, "Invalid " + param + ": must be " + expected + ".");
    }

    private static String path(List<JacksonException.Reference> refs, String leaf) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : refs) {
            String name = ref.getPropertyName() != null ? ref.getPropertyName() : String.valueOf(ref.getIndex());
            if (out.isEmpty()) {
                out.append(name);
            } else {
                out.append('[').append(name).append(']');
            }
        }
        if (leaf != null && (refs.isEmpty() || !leaf.equals(refs.getLast().getPropertyName()))) {
            if (out.isEmpty()) {
                out.append(leaf);
            } else {
                out.append('[').append(leaf).append(']');
            }
        }
        return out.isEmpty() ? "request" : out.toString();
    }
}
