package io.paygate.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM with the vault's keys, for every secret Paygate keeps at rest (card numbers, processor
 * credentials). Each sealed value records the id of the key that sealed it, so keys rotate without
 * re-encrypting everything at once; {@code context} is bound in as associated data.
 */
@Component
public class SecretBox {

    /** A sealed value: key id, base64 nonce, base64 ciphertext with its tag. */
    public record Sealed(String keyId, String nonce, String ciphertext) {
    }

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final VaultKeys keys;
    private final SecureRandom random = new SecureRandom();

    SecretBox(VaultKeys keys) {
        this.keys = keys;
    }

    public Sealed seal(String clear, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, keys.dataKeys().get(keys.activeKeyId()), nonce, context,
                clear.getBytes(StandardCharsets.UTF_8));
        return new Sealed(keys.activeKeyId(), Base64.getEncoder().encodeToString(nonce),
                Base64.getEncoder().encodeToString(ciphertext));
    }

    public String open(Sealed sealed, String context) {
        SecretKey key = keys.dataKeys().get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("vault key " + sealed.keyId() + " is not configured");
        }
        byte[] clear = crypt(Cipher.DECRYPT_MODE, key, Base64.getDecoder().decode(sealed.nonce()), context,
                Base64.getDecoder().decode(sealed.ciphertext()));
        return new String(clear, StandardCharsets.UTF_8);
    }

    private static byte[] crypt(int mode, SecretKey key, byte[] nonce, String context, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("vault " + (mode == Cipher.ENCRYPT_MODE ? "encryption" : "decryption") + " failed", e);
        }
    }
}
