package io.paygate.platform.errors;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answered to the API client as Stripe's error object. The message is meant for the
 * merchant's developer and never contains card data.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;
    private final String param;
    private final String declineCode;
    private final Map<String, Object> extra;

    public ApiException(int status, String type, String code, String message, String param, String declineCode,
                        Map<String, Object> extra) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.declineCode = declineCode;
        this.extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    public static ApiException invalidRequest(String message) {
        return new ApiException(400, "invalid_request_error", null, message, null, null, null);
    }

    public static ApiException invalidRequest(String code, String message, String param) {
        return new ApiException(400, "invalid_request_error", code, message, param, null, null);
    }

    public static ApiException missingParam(String param) {
        return new ApiException(400, "invalid_request_error", "parameter_missing",
                "Missing required param: " + param + ".", param, null, null);
    }

    public static ApiException invalidParam(String param, String message) {
        return new ApiException(400, "invalid_request_error", "parameter_invalid", message, param, null, null);
    }

    public static ApiException unknownParam(String param) {
        return new ApiException(400, "invalid_request_error", "parameter_unknown",
                "Received unknown parameter: " + param, param, null, null);
    }

    public static ApiException notFound(String objectName, String id, String param) {
        return new ApiException(404, "invalid_request_error", "resource_missing",
                "No such " + objectName + ": '" + id + "'", param, null, null);
    }

    public static ApiException unrecognizedUrl(String method, String path) {
        return new ApiException(404, "invalid_request_error", null,
                "Unrecognized request URL (" + method + ": " + path + ").", null, null, null);
    }

    public static ApiException authentication(String message) {
        return new ApiException(401, "authentication_error", null, message, null, null, null);
    }

    public static ApiException permission(String message) {
        return new ApiException(403, "permission_error", null, message, null, null, null);
    }

    public static ApiException idempotency(int status, String message) {
        return new ApiException(status, "idempotency_error", null, message, null, null, null);
    }

    public static ApiException api(String message) {
        return new ApiException(500, "api_error", null, message, null, null, null);
    }

    public static ApiException unexpectedState(String objectParam, String message, Map<String, Object> extra) {
        return new ApiException(400, "invalid_request_error", objectParam + "_unexpected_state", message, null, null, extra);
    }

    public ApiException withExtra(String key, Object value) {
        Map<String, Object> merged = new LinkedHashMap<>(extra);
        merged.put(key, value);
        return new ApiException(status, type, code, getMessage(), param, declineCode, merged);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }

    public String declineCode() {
        return declineCode;
    }

    /** The error object as Stripe renders it, inside {@code {"error": …}}. */
    public Map<String, Object> body() {
        Map<String, Object> error = new LinkedHashMap<>();
        if (code != null) {
            error.put("code", code);
        }
        if (declineCode != null) {
            error.put("decline_code", declineCode);
        }
        error.put("doc_url", null);
        error.put("message", getMessage());
        if (param != null) {
            error.put("param", param);
        }
        error.put("request_log_url", null);
        error.put("type", type);
        error.putAll(extra);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        return body;
    }
}
