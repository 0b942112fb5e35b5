package io.paygate.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static String key() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void keysRotateWithoutLosingOldCiphertexts() {
        String k1 = key();
        String k2 = key();
        String fingerprint = key();
        SecretBox before = new SecretBox(VaultKeys.parse("k1:" + k1, fingerprint));
        SecretBox.Sealed sealed = before.seal("4242424242424242", "card\u0000vc_1");
        assertThat(sealed.keyId()).isEqualTo("k1");
        assertThat(sealed.ciphertext()).doesNotContain("4242");

        SecretBox after = new SecretBox(VaultKeys.parse("k2:" + k2 + ",k1:" + k1, fingerprint));
        assertThat(after.open(sealed, "card\u0000vc_1")).isEqualTo("4242424242424242");
        assertThat(after.seal("x", "c").keyId()).isEqualTo("k2");
    }

    @Test
    void aCiphertextCannotMoveToAnotherRowOrBeTamperedWith() {
        SecretBox box = new SecretBox(VaultKeys.parse("k1:" + key(), key()));
        SecretBox.Sealed sealed = box.seal("4242424242424242", "card\u0000vc_1\u0000acct_1");
        assertThatThrownBy(() -> box.open(sealed, "card\u0000vc_2\u0000acct_1")).isInstanceOf(IllegalStateException.class);
        byte[] bytes = Base64.getDecoder().decode(sealed.ciphertext());
        bytes[0] ^= 1;
        SecretBox.Sealed tampered = new SecretBox.Sealed(sealed.keyId(), sealed.nonce(), Base64.getEncoder().encodeToString(bytes));
        assertThatThrownBy(() -> box.open(tampered, "card\u0000vc_1\u0000acct_1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void eachSealUsesAFreshNonce() {
        SecretBox box = new SecretBox(VaultKeys.parse("k1:" + key(), key()));
        assertThat(box.seal("same", "c").nonce()).isNotEqualTo(box.seal("same", "c").nonce());
    }

    @Test
    void refusesShortKeys() {
        assertThatThrownBy(() -> VaultKeys.parse("k1:" + Base64.getEncoder().encodeToString(new byte[16]), key()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
