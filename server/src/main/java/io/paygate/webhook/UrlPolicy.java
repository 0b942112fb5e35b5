package io.paygate.webhook;

import io.paygate.platform.errors.ApiException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Where Paygate may send webhooks: {@code http} and {@code https} URLs only; in live mode never to
 * loopback, link-local, private, carrier-grade NAT, multicast or unspecified addresses (which would
 * let a merchant make Paygate call into its own network); in test mode local addresses are allowed
 * when configured. Checked in full when an endpoint is saved; for a delivery, the URL's form is
 * checked here and its addresses as the connection is opened ({@link WebhookHttp}), so what is
 * checked is what is connected to.
 */
@Component
class UrlPolicy {

    private final boolean testModeAllowLocal;

    UrlPolicy(WebhookSettings settings) {
        this.testModeAllowLocal = settings.testModeAllowLocal();
    }

    /** The URL's form and, where internal addresses are forbidden, every address its host resolves to now. */
    URI check(String url, boolean livemode) {
        URI uri = checkForm(url, livemode);
        if (!livemode && testModeAllowLocal) {
            return uri;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw ApiException.invalidParam("url", "Invalid URL: the host " + uri.getHost() + " does not resolve.");
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                throw ApiException.invalidParam("url", "Invalid URL: webhooks may not be sent to loopback, link-local or "
                        + "private addresses" + (livemode ? "." : " (test mode allows them only when configured)."));
            }
        }
        return uri;
    }

    /** The URL's form only: an absolute http(s) URL without credentials, https in live mode. */
    URI checkForm(String url, boolean livemode) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParam("url", "Invalid URL: it must be an absolute http or https URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || url.length() > 2048) {
            throw ApiException.invalidParam("url", "Invalid URL: it must be an absolute http or https URL.");
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiException.invalidParam("url", "Invalid URL: credentials in the URL are not allowed.");
        }
        if (livemode && !scheme.equals("https")) {
            throw ApiException.invalidParam("url", "Live-mode webhook endpoints must use https.");
        }
        return uri;
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second <= 127) || (first == 198 && (second == 18 || second == 19))
                    || first >= 240;
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            return (first & 0xfe) == 0xfc;
        }
        return false;
    }
}
