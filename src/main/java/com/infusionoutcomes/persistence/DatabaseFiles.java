package com.infusionoutcomes.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import io.quarkus.runtime.StartupEvent;

/**
 * The embedded H2 database is a file of patient data: its folder is readable by the service's own user only
 * (rwx------), made so before the database file exists, and the files in it rw-------. H2 creates its files
 * with the process's umask (usually world-readable); the folder's permissions keep other users out of them from
 * the first byte, and the files are narrowed too once the service has started. PostgreSQL keeps its own files.
 *
 * <p>The migrations are what opens the database first at start, so the folder is made as they are configured.
 */
@ApplicationScoped
class DatabaseFiles implements FlywayConfigurationCustomizer {

    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final String H2_FILE = "jdbc:h2:file:";

    private final String url;

    DatabaseFiles(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String url) {
        this.url = url;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        protect(url);
    }

    void narrowFiles(@Observes StartupEvent start) {
        protect(url);
    }

    /** Makes or narrows the folder of an H2 file database, and narrows the files in it; nothing for others. */
    static void protect(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith(H2_FILE)) {
            return;
        }
        String location = jdbcUrl.substring(H2_FILE.length()).split(";", 2)[0];
        Path folder = Path.of(location).toAbsolutePath().getParent();
        try {
            if (Files.notExists(folder)) {
                if (Files.notExists(folder.getParent())) {
                    Files.createDirectories(folder.getParent());
                }
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(FOLDER));
            }
            Files.setPosixFilePermissions(folder, FOLDER);
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.setPosixFilePermissions(file, FILE);
                }
            }
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the folder's ACL applies
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot protect the database folder " + folder, e);
        }
    }
}
