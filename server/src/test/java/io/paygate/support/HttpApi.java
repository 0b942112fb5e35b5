package io.paygate.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small raw HTTP client for Paygate's API: form bodies as the Stripe SDKs send them, JSON answers. */
public final class HttpApi {

    public record Response(int status, Map<String, List<String>> headers, String body, JsonNode json) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().getFirst();
                }
            }
            return null;
        }

        public String text(String field) {
            JsonNode node = json.path(field);
            return node.isNull() || node.isMissingNode() ? null : node.asString();
        }

        public String errorCode() {
            return json.path("error").path("code").asString(null);
        }

        public String errorType() {
            return json.path("error").path("type").asString(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    public HttpApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** POST with a form body; {@code params} alternate names and values. */
    public Response post(String path, String key, String... params) {
        return post(path, key, Map.of(), params);
    }

    public Response post(String path, String key, Map<String, String> headers, String... params) {
        return send("POST", path, key, headers, "application/x-www-form-urlencoded", form(params));
    }

    public Response postJson(String path, String key, String json) {
        return send("POST", path, key, Map.of(), "application/json", json);
    }

    public Response get(String path, String key, String... params) {
        String query = form(params);
        return send("GET", query.isEmpty() ? path : path + (path.contains("?") ? "&" : "?") + query, key, Map.of(), null, null);
    }

    public Response delete(String path, String key) {
        return send("DELETE", path, key, Map.of(), null, null);
    }

    public Response send(String method, String path, String key, Map<String, String> headers, String contentType,
                         String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        headers.forEach(builder::header);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            String text = response.body();
            if (text != null && !text.isBlank() && text.trim().startsWith("{")) {
                json = JSON.readTree(text);
            }
            return new Response(response.statusCode(), response.headers().map(), text, json == null ? JSON.nullNode() : json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String form(String... params) {
        if (params.length % 2 != 0) {
            throw new IllegalArgumentException("params must alternate names and values");
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < params.length; i += 2) {
            parts.add(URLEncoder.encode(params[i], StandardCharsets.UTF_8) + "=" + URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        return String.join("&", parts);
    }

    public static Map<String, String> headers(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }
}
