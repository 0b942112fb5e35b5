package io.paygate.platform.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The searchable copy of objects' metadata: one row per key, indexed by merchant, mode, object
 * type, key and value, kept in the same transaction as the object it describes.
 */
@Component
public class MetadataIndex {

    private final JdbcClient jdbc;
    private final HeldWrites writes;

    public MetadataIndex(JdbcClient jdbc, HeldWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    public void replace(String objectType, String objectId, String merchantId, boolean livemode, Map<String, String> metadata) {
        writes.update("delete from metadata_entries where object_id = ?", objectId);
        insert(objectType, objectId, merchantId, livemode, metadata);
    }

    public void insert(String objectType, String objectId, String merchantId, boolean livemode, Map<String, String> metadata) {
        if (metadata.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        metadata.forEach((k, v) -> rows.add(new Object[] {objectId, merchantId, livemode, objectType, k, v}));
        writes.batch("""
                insert into metadata_entries (object_id, merchant_id, livemode, object_type, meta_key, meta_value)
                values (?, ?, ?, ?, ?, ?)""", rows);
    }

    public void delete(String objectId) {
        writes.update("delete from metadata_entries where object_id = ?", objectId);
    }
}
