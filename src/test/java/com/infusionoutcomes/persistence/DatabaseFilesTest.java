package com.infusionoutcomes.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;

/** The H2 database, a file of patient data, is readable by the service's own user only. */
@QuarkusTest
class DatabaseFilesTest {

    @Test
    void shouldKeepTheRunningDatabaseToTheServicesUser() throws IOException {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        assumeTrue(url.startsWith("jdbc:h2:file:"), "an embedded H2 database");
        Path database = Path.of(url.substring("jdbc:h2:file:".length()).split(";")[0] + ".mv.db").toAbsolutePath();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(database.getParent())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(database)));
        try (Stream<Path> files = Files.list(database.getParent())) {
            List<String> open = files.filter(f -> !PosixFilePermissions.toString(uncheckedPermissions(f))
                    .endsWith("------")).map(Path::toString).toList();
            assertEquals(List.of(), open);
        }
    }

    @Test
    void shouldMakeTheFolderPrivateBeforeTheDatabaseExists(@TempDir Path temp) throws IOException {
        Path folder = temp.resolve("fresh").resolve("data");
        DatabaseFiles.protect("jdbc:h2:file:" + folder.resolve("infusion-outcomes") + ";MODE=PostgreSQL");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        try (Stream<Path> files = Files.list(folder)) {
            assertFalse(files.findAny().isPresent(), "nothing but the folder is made");
        }
        // An existing folder and file, left open by an older version, are narrowed at the next start.
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path old = Files.createFile(folder.resolve("infusion-outcomes.mv.db"));
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));
        DatabaseFiles.protect("jdbc:h2:file:" + folder.resolve("infusion-outcomes"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(old)));
    }

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> uncheckedPermissions(Path file) {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
