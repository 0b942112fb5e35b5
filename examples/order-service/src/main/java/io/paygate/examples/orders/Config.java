package io.paygate.examples.orders;

import java.util.Map;

/**
 * Where Paygate is and the two secrets the service needs: the merchant's secret API key, to create
 * and cancel payment intents, and the webhook endpoint's signing secret, to trust incoming events.
 */
public record Config(String paygateUrl, String secretKey, String webhookSecret, int port) {

    public static Config fromEnvironment(Map<String, String> env) {
        return new Config(required(env, "PAYGATE_URL"), required(env, "PAYGATE_SECRET_KEY"),
                required(env, "PAYGATE_WEBHOOK_SECRET"), Integer.parseInt(env.getOrDefault("PORT", "8088")));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Set the environment variable " + name + " (see README.md)");
        }
        return value;
    }
}
