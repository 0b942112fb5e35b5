package io.paygate.payment.web;

import io.paygate.payment.PaymentIntent;
import io.paygate.payment.PaymentRedirects;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Where processors send the customer's browser back. Paygate settles the attempt with the
 * processor, then redirects to the merchant's {@code return_url} with Stripe's query parameters
 * ({@code payment_intent}, {@code payment_intent_client_secret}, {@code redirect_status}), or shows
 * a plain result page when the merchant gave none.
 */
@RestController
class RedirectController {

    private final PaymentRedirects redirects;

    RedirectController(PaymentRedirects redirects) {
        this.redirects = redirects;
    }

    @GetMapping("/redirect/complete/{chargeId}")
    ResponseEntity<String> complete(@PathVariable String chargeId) {
        Optional<PaymentRedirects.Completion> completion = redirects.complete(chargeId);
        if (completion.isEmpty()) {
            return page(HttpStatus.NOT_FOUND, "Payment not found", "This payment link is not valid.");
        }
        PaymentIntent intent = completion.get().intent();
        String status = completion.get().redirectStatus();
        if (intent.returnUrl() != null) {
            String separator = intent.returnUrl().contains("?") ? "&" : "?";
            String location = intent.returnUrl() + separator + "payment_intent=" + encode(intent.id())
                    + "&payment_intent_client_secret=" + encode(intent.clientSecret()) + "&redirect_status=" + encode(status);
            return ResponseEntity.status(HttpStatus.FOUND).header("Location", location).build();
        }
        String message = switch (status) {
            case "succeeded" -> "Your payment was successful. You can close this window.";
            case "failed" -> "Your payment did not go through. Return to the shop to try again.";
            default -> "Your payment is being processed. The shop will confirm it shortly.";
        };
        return page(HttpStatus.OK, "Payment " + status, message);
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String message) {
        String html = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%1$s</title>
                <style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1a1a1a}
                h1{font-size:1.4rem}</style></head>
                <body><h1 id="status">%1$s</h1><p>%2$s</p></body></html>
                """.formatted(HtmlUtils.htmlEscape(title), HtmlUtils.htmlEscape(message));
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body(html);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
