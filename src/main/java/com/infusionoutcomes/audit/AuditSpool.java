package com.infusionoutcomes.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Where the audit event of a refused request waits when the database cannot take it (every connection busy, the
 * database restarting): a file, forced to disk before the write counts, that a job empties into the database a
 * minute later. Events of successful accesses never come here: they share their access's transaction.
 */
@ApplicationScoped
class AuditSpool {

    private static final Logger LOG = Logger.getLogger(AuditSpool.class);
    private static final String NULL = "\\N";

    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");

    private final Path file;

    AuditSpool(@ConfigProperty(name = "infusion.audit.spool") Path file) {
        this.file = file;
    }

    /** Appends the event, durably; false when even that failed (then only the log line is left). */
    synchronized boolean keep(AuditEvent e) {
        String line = String.join("\t", text(e.id), text(e.at), text(e.actorId), text(e.actorRole), text(e.action),
                text(e.resourceType), text(e.resourceId), text(e.patientId), text(e.outcome), text(e.requestId),
                text(e.sourceIp)) + "\n";
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            // It names patients: readable by the service's user only, from its creation.
            try (FileChannel out = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND), PosixFilePermissions.asFileAttribute(PRIVATE))) {
                out.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
                out.force(true);
            }
            return true;
        } catch (IOException failed) {
            return false;
        }
    }

    /**
     * Hands every waiting event to {@code write} (which must skip one it wrote before: a crash between the writes
     * and the truncation replays them), then empties the file. Returns how many there were.
     */
    synchronized int drain(Consumer<AuditEvent> write) {
        if (!Files.exists(file)) {
            return 0;
        }
        try {
            List<AuditEvent> waiting = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    waiting.add(parse(line));
                }
            }
            waiting.forEach(write);
            Files.delete(file);
            return waiting.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Object value) {
        return value == null ? NULL : value.toString();
    }

    private static AuditEvent parse(String line) {
        String[] f = line.split("\t", -1);
        AuditEvent e = new AuditEvent();
        e.id = UUID.fromString(f[0]);
        e.at = Instant.parse(f[1]);
        e.actorId = f[2].equals(NULL) ? null : UUID.fromString(f[2]);
        e.actorRole = value(f[3]);
        e.action = AuditAction.valueOf(f[4]);
        e.resourceType = f[5];
        e.resourceId = value(f[6]);
        e.patientId = f[7].equals(NULL) ? null : UUID.fromString(f[7]);
        e.outcome = AuditOutcome.valueOf(f[8]);
        e.requestId = value(f[9]);
        e.sourceIp = value(f[10]);
        return e;
    }

    private static String value(String field) {
        return field.equals(NULL) ? null : field;
    }

    /** The scheduled emptying; {@link AuditLog#replaySpooled} does the work. */
    @ApplicationScoped
    static class Job {

        private final AuditLog audit;

        Job(AuditLog audit) {
            this.audit = audit;
        }

        @Scheduled(every = "1m", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
                skipExecutionIf = Scheduled.ApplicationNotRunning.class)
        void replay() {
            try {
                audit.replaySpooled();
            } catch (RuntimeException e) {
                LOG.warn("Spooled audit events stay spooled until the database takes them", e);
            }
        }
    }
}
