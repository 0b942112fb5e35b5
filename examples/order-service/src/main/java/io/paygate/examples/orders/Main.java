package io.paygate.examples.orders;

import java.util.List;

/** {@code java -jar order-service.jar}: configured from the environment, see README.md. */
public final class Main {

    /** The demo catalogue: prices in cents, stock in units. */
    public static final List<Product> CATALOGUE = List.of(
            new Product("tshirt", 2500, "usd", 100),
            new Product("mug", 1200, "usd", 50),
            new Product("poster", 900, "usd", 20));

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Config config;
        try {
            config = Config.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        OrderService service = OrderService.start(config, CATALOGUE);
        Runtime.getRuntime().addShutdownHook(new Thread(service::close));
    }
}
