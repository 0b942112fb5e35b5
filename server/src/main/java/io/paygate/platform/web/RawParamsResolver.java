package io.paygate.platform.web;

import io.paygate.platform.errors.ApiException;
import io.paygate.platform.json.Json;
import io.paygate.platform.wire.FormDecoder;
import io.paygate.platform.wire.RawParams;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import tools.jackson.core.JacksonException;

/**
 * Reads a request's parameters: the query string of GET and DELETE, the body of POST, form-encoded
 * with bracket notation or JSON. Bodies over {@value #MAX_BODY_BYTES} bytes are refused.
 */
@Component
public class RawParamsResolver implements HandlerMethodArgumentResolver {

    public static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final String ATTRIBUTE = RawParamsResolver.class.getName() + ".params";

    private final Json json;

    public RawParamsResolver(Json json) {
        this.json = json;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == RawParams.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest webRequest,
                                  WebDataBinderFactory binderFactory) throws IOException {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        Object cached = request.getAttribute(ATTRIBUTE);
        if (cached != null) {
            return cached;
        }
        RawParams params = read(request);
        request.setAttribute(ATTRIBUTE, params);
        return params;
    }

    private RawParams read(HttpServletRequest request) throws IOException {
        String method = request.getMethod();
        if ("GET".equals(method) || "DELETE".equals(method) || "HEAD".equals(method)) {
            return new RawParams(FormDecoder.decode(request.getQueryString()));
        }
        String body = readBody(request);
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(java.util.Locale.ROOT);
        if (body.isBlank()) {
            return new RawParams(FormDecoder.decode(request.getQueryString()));
        }
        if (contentType.startsWith("application/json")) {
            return new RawParams(parseJson(body));
        }
        if (contentType.isEmpty() || contentType.startsWith("application/x-www-form-urlencoded")) {
            return new RawParams(FormDecoder.decode(body));
        }
        throw ApiException.invalidRequest("unsupported_content_type",
                "Unsupported Content-Type. Send application/x-www-form-urlencoded or application/json.", null);
    }

    private Map<String, Object> parseJson(String body) {
        Object parsed;
        try {
            parsed = json.readAny(body);
        } catch (JacksonException e) {
            throw ApiException.invalidRequest("Invalid JSON in the request body.");
        }
        if (!(parsed instanceof Map<?, ?>)) {
            throw ApiException.invalidRequest("The JSON request body must be an object.");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) parsed;
        return map;
    }

    private static String readBody(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "invalid_request_error", "request_too_large",
                "The request body is larger than the limit of 1 MB.", null, null, null);
    }
}
