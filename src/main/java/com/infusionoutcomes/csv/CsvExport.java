package com.infusionoutcomes.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A CSV answer written while it is sent: the rows go to the client as they are produced, in chunks, so neither
 * the service nor the client's first byte waits for the whole file, and memory does not grow with the rows.
 * Access is checked and audited before one of these is made, so a refusal is still a proper status code; once
 * rows flow, a failure can only cut the body short (the client sees a truncated chunked body, never a 2xx
 * that pretends to be complete: the final chunk is not sent).
 */
public final class CsvExport {

    /**
     * How long the read transaction behind a streamed export may stay open. A slow client holds it (and its
     * database connection) for as long as it takes to receive the file: 100,000 check-ins take about a second
     * locally, so ten minutes is only reached by a client that stopped reading.
     */
    public static final int READ_TIMEOUT_SECONDS = 600;

    private static final int BUFFER_CHARS = 16 * 1024;

    /** Writes the records; may throw IOException when the client goes away. */
    @FunctionalInterface
    public interface Rows {
        void writeTo(Csv csv) throws IOException;
    }

    private CsvExport() {
    }

    /** Rows already in memory (or computed on the fly without the database). */
    public static StreamingOutput of(String[] header, Rows rows) {
        return output -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), BUFFER_CHARS);
            Csv csv = new Csv(writer).header(header);
            rows.writeTo(csv);
            writer.flush();
        };
    }

    /**
     * Rows read from the database while they are written: the read runs in a transaction of its own (the one
     * that checked access has committed by now, with its audit event), so one SELECT sees one consistent
     * snapshot from the first row to the last.
     */
    public static StreamingOutput reading(String[] header, Rows rows) {
        return of(header, csv -> {
            try {
                QuarkusTransaction.requiringNew().timeout(READ_TIMEOUT_SECONDS).run(() -> {
                    try {
                        rows.writeTo(csv);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        });
    }

    /** 200 with the CSV media type and a download file name. */
    public static Response response(StreamingOutput body, String fileStem) {
        return Response.ok(body).type(Csv.CONTENT_TYPE)
                .header("Content-Disposition", Csv.attachment(fileStem, Instant.now())).build();
    }
}
