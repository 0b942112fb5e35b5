package io.paygate.platform.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.util.RawValue;

/** {@link Json#write} writes exactly the text the object mapper writes, for every kind of value. */
class JsonWriteTest {

    private final Json json = new Json();

    private record Shipping(String name, Map<String, Object> address) {
    }

    private enum Kind { CARD, UPI }

    @Test
    void aRenderedObjectIsWrittenAsTheMapperWritesIt() {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("brand", "visa");
        card.put("checks", new LinkedHashMap<>(Map.of("cvc_check", "pass")));
        card.put("exp_month", 12);
        card.put("exp_year", 2040L);
        card.put("three_d_secure", null);
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("id", "pi_123");
        intent.put("object", "payment_intent");
        intent.put("amount", 1999L);
        intent.put("livemode", false);
        intent.put("metadata", new LinkedHashMap<>());
        intent.put("payment_method_types", List.of("card"));
        intent.put("payment_method_details", Map.of("card", card));
        intent.put("description", "Caf\u00e9 \"Z\u00fcrich\" \\ line\nbreak\ttab \u0001 \ud83d\ude00 </script>");
        intent.put("charges", List.of());
        assertSame(intent);
    }

    @Test
    void valuesOutsideTheDirectPathAreLeftToTheMapper() {
        Map<String, Object> mixed = new LinkedHashMap<>();
        mixed.put("double", 12.5);
        mixed.put("big", new BigDecimal("1E+3"));
        mixed.put("raw", new RawValue("{\"stored\":true}"));
        mixed.put("record", new Shipping("Ada", Map.of("city", "London")));
        mixed.put("enum", Kind.UPI);
        mixed.put("array", new String[] {"a", "b"});
        mixed.put("numbered", new TreeMap<>(Map.of(2, "two", 1, "one")));
        mixed.put("enumKeyed", new LinkedHashMap<>(Map.of(Kind.CARD, 1L)));
        mixed.put("short", (short) 7);
        mixed.put("set", new java.util.LinkedHashSet<>(List.of("x", "y")));
        assertSame(mixed);
        assertSame(List.of(mixed, Arrays.asList(null, 1, "two")));
        assertSame(new Shipping("top", Map.of()));
        assertSame("text at the top");
        assertSame(42L);
        assertSame(null);
    }

    @Test
    void aMapWithANullKeyFailsAsTheMapperFails() {
        Map<Object, Object> nullKey = new HashMap<>();
        nullKey.put(null, "x");
        assertThatThrownBy(() -> json.mapper().writeValueAsString(nullKey)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> json.write(nullKey)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void randomTreesAreWrittenAsTheMapperWritesThem() {
        for (long seed = 1; seed <= 300; seed++) {
            Random random = new Random(seed);
            assertSame(tree(random, 0));
        }
    }

    private Object tree(Random random, int depth) {
        int pick = depth > 4 ? random.nextInt(6) : random.nextInt(9);
        return switch (pick) {
            case 0 -> null;
            case 1 -> text(random);
            case 2 -> random.nextLong();
            case 3 -> random.nextInt();
            case 4 -> random.nextBoolean();
            case 5 -> random.nextDouble() * 1000;
            case 6, 7 -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(6); i > 0; i--) {
                    map.put(text(random), tree(random, depth + 1));
                }
                yield map;
            }
            default -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    list.add(tree(random, depth + 1));
                }
                yield list;
            }
        };
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(40); i > 0; i--) {
            int kind = random.nextInt(10);
            text.appendCodePoint(switch (kind) {
                case 0 -> random.nextInt(0x20);
                case 1 -> "\"\\/<>&'".charAt(random.nextInt(7));
                case 2 -> 0x80 + random.nextInt(0x700);
                case 3 -> 0x1F600 + random.nextInt(0x40);
                default -> 0x20 + random.nextInt(0x5F);
            });
        }
        return text.toString();
    }

    private void assertSame(Object value) {
        assertThat(json.write(value)).isEqualTo(json.mapper().writeValueAsString(value));
    }
}
