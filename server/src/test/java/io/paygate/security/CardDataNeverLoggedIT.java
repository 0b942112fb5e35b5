package io.paygate.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other integration test (class order) and reads everything the servers logged
 * during the suite: no test card number and no card security code may appear in it.
 */
@Order(Integer.MAX_VALUE)
class CardDataNeverLoggedIT {

    private static final List<String> TEST_CARD_NUMBERS = List.of("4242424242424242", "5555555555554444",
            "378282246310005", "6011111111111117", "3566002020360505", "6200000000000005", "3056930009020004",
            "4000000000000002", "4000000000009995", "4000000000009987", "4000000000009979", "4000000000000069",
            "4000000000000127", "4000000000000119", "4000000000003220", "4000008400001629", "4000000000000259",
            "4100000000000019", "4242424242424241", "4000056655665556", "5200828282828210", "5105105105105100");
    private static final Pattern CVC = Pattern.compile("(?i)cvc[\"'=:\\s\\]]{1,4}\\d{3,4}");

    @Test
    void noCardNumberOrSecurityCodeReachedALog() throws IOException {
        List<Path> logs = new ArrayList<>();
        for (String dir : List.of("target/test-logs", "target/failsafe-reports", "target/surefire-reports")) {
            Path root = Path.of(dir);
            if (Files.isDirectory(root)) {
                // Other forks write and rename their report files while this walks: a file that
                // vanishes between listing and reading is skipped, not an error.
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        String name = file.toString();
                        if (attrs.isRegularFile() && (name.endsWith(".log") || name.endsWith("-output.txt"))) {
                            logs.add(file);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (e instanceof NoSuchFileException) {
                            return FileVisitResult.CONTINUE;
                        }
                        throw e;
                    }
                });
            }
        }
        long bytes = 0;
        List<String> findings = new ArrayList<>();
        for (Path log : logs) {
            String text;
            try {
                text = Files.readString(log, StandardCharsets.ISO_8859_1);
            } catch (NoSuchFileException vanished) {
                continue;
            }
            bytes += text.length();
            String digitsOnly = text.replaceAll("(?<=\\d)[ -](?=\\d)", "");
            for (String pan : TEST_CARD_NUMBERS) {
                if (digitsOnly.contains(pan)) {
                    findings.add(log + ": card number ending " + pan.substring(pan.length() - 4));
                }
            }
            Matcher cvc = CVC.matcher(text);
            if (cvc.find()) {
                findings.add(log + ": card security code near offset " + cvc.start());
            }
        }
        assertThat(bytes).as("the suite's server logs were found and are not empty").isGreaterThan(10_000);
        assertThat(findings).isEmpty();
    }
}
