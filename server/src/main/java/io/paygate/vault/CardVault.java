package io.paygate.vault;

import io.paygate.connector.spi.Secret;
import io.paygate.platform.db.HeldWrites;
import io.paygate.platform.db.Transactions;
import io.paygate.platform.ids.Ids;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Card numbers at rest, sealed by the {@link SecretBox} with the vault id and merchant bound in, so
 * a ciphertext cannot be moved to another row. Fingerprints are a keyed HMAC per merchant, so they
 * identify a card within one merchant without revealing it.
 *
 * <p>A card stored and then sent to a processor in one transaction (a payment made with a new card)
 * is revealed from the number the transaction already holds rather than read back and decrypted;
 * the number is forgotten when the transaction ends.
 */
@Service
public class CardVault {

    private static final String FINGERPRINT_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final JdbcClient jdbc;
    private final HeldWrites writes;
    private final SecretBox box;
    private final VaultKeys keys;
    private final Ids ids;
    private final Clock clock;
    /** Key of the numbers the current transaction stored, by vault id. */
    private final Object storedKey = new Object();

    CardVault(JdbcClient jdbc, HeldWrites writes, SecretBox box, VaultKeys keys, Ids ids, Clock clock) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.box = box;
        this.keys = keys;
        this.ids = ids;
        this.clock = clock;
    }

    /** Encrypts and stores a card number; returns the vault id to keep on the payment method. */
    public String store(String merchantId, Secret cardNumber) {
        String vaultId = ids.next("vc");
        SecretBox.Sealed sealed = box.seal(cardNumber.reveal(), context(vaultId, merchantId));
        writes.update("insert into vault_cards (id, merchant_id, key_id, nonce, ciphertext, created) values (?, ?, ?, ?, ?, ?)",
                vaultId, merchantId, sealed.keyId(), sealed.nonce(), sealed.ciphertext(), clock.instant().getEpochSecond());
        Map<String, Stored> stored = Transactions.scoped(storedKey, HashMap::new);
        if (stored != null) {
            stored.put(vaultId, new Stored(merchantId, cardNumber));
        }
        return vaultId;
    }

    private record Stored(String merchantId, Secret number) {
    }

    /** Decrypts a stored card number, for sending to a processor. */
    public Secret reveal(String merchantId, String vaultId) {
        Map<String, Stored> stored = Transactions.find(storedKey);
        Stored fresh = stored == null ? null : stored.get(vaultId);
        if (fresh != null && fresh.merchantId().equals(merchantId)) {
            return fresh.number();
        }
        SecretBox.Sealed sealed = jdbc.sql("select key_id, nonce, ciphertext from vault_cards where id = ? and merchant_id = ?")
                .params(vaultId, merchantId)
                .query((rs, n) -> new SecretBox.Sealed(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional()
                .orElseThrow(() -> new IllegalStateException("vault entry " + vaultId + " is missing"));
        return Secret.of(box.open(sealed, context(vaultId, merchantId)));
    }

    /** A 16-character fingerprint of the card, the same for the same number within one merchant. */
    public String fingerprint(String merchantId, Secret cardNumber) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(keys.fingerprintKey());
            mac.update(merchantId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] digest = mac.doFinal(cardNumber.reveal().getBytes(StandardCharsets.US_ASCII));
            StringBuilder out = new StringBuilder(16);
            for (int i = 0; i < 16; i++) {
                out.append(FINGERPRINT_ALPHABET.charAt((digest[i] & 0xff) % FINGERPRINT_ALPHABET.length()));
            }
            return out.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    private static String context(String vaultId, String merchantId) {
        return "card\u0000" + vaultId + "\u0000" + merchantId;
    }
}
