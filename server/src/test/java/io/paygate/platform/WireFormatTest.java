package io.paygate.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.platform.errors.ApiException;
import io.paygate.platform.wire.FormDecoder;
import io.paygate.platform.wire.MetadataUpdate;
import io.paygate.platform.wire.RangeFilter;
import io.paygate.platform.wire.RequestBinder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    @Test
    void decodesStripesBracketNotation() {
        Map<String, Object> params = FormDecoder.decode("amount=1999&currency=usd&metadata%5Border_id%5D=42"
                + "&payment_method_types[]=card&payment_method_types[]=upi&expand[0]=customer&expand[1]=latest_charge"
                + "&items[1][price]=p2&items[0][price]=p1&items[0][quantity]=3&metadata[0]=zero");
        assertThat(params).containsEntry("amount", "1999").containsEntry("currency", "usd");
        assertThat(params.get("metadata")).isEqualTo(Map.of("order_id", "42", "0", "zero"));
        assertThat(params.get("payment_method_types")).isEqualTo(List.of("card", "upi"));
        assertThat(params.get("expand")).isEqualTo(List.of("customer", "latest_charge"));
        assertThat(params.get("items")).isEqualTo(List.of(Map.of("price", "p1", "quantity", "3"), Map.of("price", "p2")));
    }

    @Test
    void refusesConflictingAndMalformedNames() {
        assertThatThrownBy(() -> FormDecoder.decode("a=1&a[b]=2")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> FormDecoder.decode("a[b=1")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> FormDecoder.decode("[x]=1")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> FormDecoder.decode("a%ZZ=1")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> FormDecoder.decode("a[b][c][d][e][f][g]=1")).isInstanceOf(ApiException.class);
    }

    record Sample(Long amount, Boolean confirm, String currency, List<String> types, MetadataUpdate metadata,
                  RangeFilter created) {
    }

    @Test
    void bindsStrictlyAndNamesTheOffendingParameter() {
        RequestBinder binder = new RequestBinder();
        Sample ok = binder.bind(FormDecoder.decode("amount=10&confirm=true&currency=usd&types[]=a&created[gte]=5"), Sample.class);
        assertThat(ok.amount()).isEqualTo(10L);
        assertThat(ok.confirm()).isTrue();
        assertThat(ok.created().lowerInclusive()).isEqualTo(5L);
        assertThat(ok.created().upperInclusive()).isNull();
        assertThat(error(binder, "amount=abc").param()).isEqualTo("amount");
        assertThat(error(binder, "amount=19.99").param()).isEqualTo("amount");
        assertThat(error(binder, "confirm=maybe").param()).isEqualTo("confirm");
        assertThat(error(binder, "bogus=1").code()).isEqualTo("parameter_unknown");
        assertThat(error(binder, "bogus=1").param()).isEqualTo("bogus");
        assertThat(error(binder, "types=card").param()).isEqualTo("types");
        assertThat(error(binder, "metadata[k]=" + "v".repeat(501)).param()).isEqualTo("metadata");
        assertThat(error(binder, "created[between]=1").param()).isEqualTo("created");
    }

    private static ApiException error(RequestBinder binder, String form) {
        try {
            binder.bind(FormDecoder.decode(form), Sample.class);
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected " + form + " to be refused");
    }

    @Test
    void metadataUpdatesFollowStripesRules() {
        MetadataUpdate update = MetadataUpdate.from(Map.of("a", "1", "b", ""));
        assertThat(update.applyTo(Map.of("b", "old", "c", "keep"))).containsOnly(Map.entry("a", "1"), Map.entry("c", "keep"));
        assertThat(MetadataUpdate.from("").applyTo(Map.of("x", "y"))).isEmpty();
        assertThat(update.forCreate()).containsOnly(Map.entry("a", "1"));
        assertThatThrownBy(() -> MetadataUpdate.from(Map.of("k".repeat(41), "v"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetadataUpdate.from(Map.of("k", Map.of()))).isInstanceOf(IllegalArgumentException.class);
    }
}
