package io.paygate.simulator.web;

import io.paygate.connector.spi.Money;
import io.paygate.simulator.SimPayment;
import io.paygate.simulator.SimStatus;
import org.springframework.web.util.HtmlUtils;

/** The simulator's HTML pages. Every value from a request or the database is escaped. */
final class SimulatorPages {

    private static final String STYLE = """
            body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;
            background:#f4f5f7;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1a1f36}
            main{background:#fff;border-radius:12px;box-shadow:0 4px 24px rgba(26,31,54,.12);padding:32px;
            max-width:420px;width:100%;box-sizing:border-box}
            .brand{margin:0 0 8px;font-size:13px;letter-spacing:.06em;text-transform:uppercase;color:#697386}
            h1{margin:0 0 16px;font-size:22px}
            .amount{font-size:28px;font-weight:600;margin:8px 0}
            .hint{font-size:14px;color:#697386}
            form{margin:12px 0 0}
            button{width:100%;padding:12px;border:0;border-radius:8px;font-size:16px;cursor:pointer;
            background:#635bff;color:#fff}
            button.secondary{background:#fff;color:#1a1f36;border:1px solid #c1c9d2}
            a{color:#635bff}""";

    private SimulatorPages() {
    }

    static String challenge(SimPayment p, String actionBase) {
        String body = summary(p) + (p.status() == SimStatus.REQUIRES_ACTION
                ? "<p class=\"hint\">Test page: no bank is contacted. Choose how the cardholder's authentication ends.</p>"
                        + button(actionBase + "/complete", "approve", "Complete authentication", false)
                        + button(actionBase + "/fail", "fail", "Fail authentication", true)
                : settled(p));
        return layout("3-D Secure authentication — Paygate simulator", "3-D Secure authentication", body);
    }

    static String bank(SimPayment p, String actionBase) {
        String bank = p.bank();
        String body = summary(p) + (p.status() == SimStatus.REQUIRES_ACTION
                ? "<p class=\"hint\">Test page: sign-in is skipped. Pay to approve, or cancel to return without paying.</p>"
                        + button(actionBase + "/pay", "pay", "Pay " + amount(p), false)
                        + button(actionBase + "/cancel", "cancel", "Cancel", true)
                : settled(p));
        return layout("Net banking — " + bank, "Net banking — " + bank, body);
    }

    /** Shown after a choice when the payment has no return URL to send the customer to. */
    static String result(SimPayment p) {
        return layout("Payment " + p.status().wireName() + " — Paygate simulator", "Payment " + p.status().wireName(),
                summary(p) + "<p>You can close this page.</p>");
    }

    static String notFound() {
        return layout("Not found — Paygate simulator", "Page not found",
                "<p>There is no simulator payment waiting on this page.</p>");
    }

    private static String summary(SimPayment p) {
        return "<p class=\"amount\">" + escape(amount(p)) + "</p>"
                + "<p>Paying with <strong>" + escape(p.instrumentLabel()) + "</strong>"
                + (p.reference() == null ? "" : " for <code>" + escape(p.reference()) + "</code>") + ".</p>";
    }

    private static String settled(SimPayment p) {
        String back = p.returnUrl() == null ? ""
                : " <a href=\"" + escape(p.returnUrl()) + "\">Return to the merchant</a>.";
        return "<p>This payment is already <strong>" + escape(p.status().wireName()) + "</strong>." + back + "</p>";
    }

    private static String button(String action, String id, String label, boolean secondary) {
        return "<form method=\"post\" action=\"" + escape(action) + "\"><button type=\"submit\" id=\"" + id + "\""
                + (secondary ? " class=\"secondary\"" : "") + ">" + escape(label) + "</button></form>";
    }

    private static String layout(String title, String heading, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title><style>" + STYLE + "</style></head>"
                + "<body><main><p class=\"brand\">Paygate simulator</p><h1>" + escape(heading) + "</h1>"
                + body + "</main></body></html>\n";
    }

    private static String amount(SimPayment p) {
        return Money.of(p.amount(), p.currency()).format();
    }

    private static String escape(String value) {
        return value == null ? "" : HtmlUtils.htmlEscape(value, "UTF-8");
    }
}
