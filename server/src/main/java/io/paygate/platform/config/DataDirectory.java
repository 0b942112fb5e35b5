package io.paygate.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Paygate's local data directory ({@code ./data} unless configured): the embedded database and, on
 * the embedded default, generated secrets that no configuration provided. Secret files are created
 * readable and writable by the owner only.
 */
@Component
public class DataDirectory {

    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private final Path root;

    public DataDirectory(@Value("${paygate.data-dir:./data}") String root) {
        this.root = Path.of(root).toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path resolve(String name) {
        return root.resolve(name);
    }

    public Optional<String> read(String name) {
        Path file = root.resolve(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /**
     * Returns the content of the owner-only file {@code name}, creating it with {@code generator}'s
     * content first if it does not exist. Two processes racing to create it agree on one content.
     */
    public String readOrCreateSecret(String name, Supplier<String> generator) {
        Path file = root.resolve(name);
        Optional<String> existing = read(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            Files.createDirectories(root);
            Path temp = Files.createTempFile(root, name, ".tmp", attributes());
            Files.writeString(temp, generator.get(), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            try {
                Files.move(temp, file);
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(temp);
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + file, e);
        }
    }

    /** Replaces the owner-only file {@code name} with {@code content}, atomically. */
    public void writeSecret(String name, String content) {
        Path file = root.resolve(name);
        try {
            Files.createDirectories(root);
            Path temp = Files.createTempFile(root, name, ".tmp", attributes());
            Files.writeString(temp, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static java.nio.file.attribute.FileAttribute<?>[] attributes() {
        boolean posix = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        return posix ? new java.nio.file.attribute.FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new java.nio.file.attribute.FileAttribute<?>[0];
    }
}
