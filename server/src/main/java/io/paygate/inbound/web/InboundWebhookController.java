package io.paygate.inbound.web;

import io.paygate.inbound.InboundWebhooks;
import io.paygate.platform.errors.ApiException;
import io.paygate.platform.web.ApiResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/webhooks/{connector_account_id}}: where processors send their webhooks. The caller
 * is the processor, not a merchant, so there is no API key (no {@code @Access}): the signature, checked
 * with the account's webhook secret, is the authentication. The body is read as raw bytes, since the
 * signature covers exactly those.
 */
@RestController
class InboundWebhookController {

    /** Processors' events are small; this is also the limit of every other request body. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final InboundWebhooks webhooks;
    private final ApiResponses responses;

    InboundWebhookController(InboundWebhooks webhooks, ApiResponses responses) {
        this.webhooks = webhooks;
        this.responses = responses;
    }

    @PostMapping("/v1/webhooks/{connectorAccountId}")
    ResponseEntity<String> receive(@PathVariable String connectorAccountId, HttpServletRequest request)
            throws IOException {
        InboundWebhooks.Receipt receipt = webhooks.receive(connectorAccountId, headers(request), body(request));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("received", true);
        answer.put("id", receipt.webhook().id());
        answer.put("duplicate", receipt.duplicate());
        return responses.ok(answer);
    }

    /** Every header, names in lower case; a header sent more than once is joined with commas, as HTTP allows. */
    private static Map<String, String> headers(HttpServletRequest request) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            out.put(name.toLowerCase(Locale.ROOT), String.join(",", Collections.list(request.getHeaders(name))));
        }
        return out;
    }

    private static byte[] body(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return bytes;
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "invalid_request_error", "request_too_large",
                "The request body is larger than the limit of 1 MB.", null, null, null);
    }
}
