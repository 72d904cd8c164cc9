package com.infusionoutcomes.csv;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.UUID;

/**
 * Writes RFC 4180 CSV, one record at a time, so an export never holds more than one row: CRLF after every
 * record, a field quoted when it holds a comma, a quote, CR or LF, and quotes inside doubled. Absent values are
 * empty fields. Times are ISO-8601 in UTC with a {@code Z}, exactly as the JSON API writes them.
 *
 * <p>Free text (a patient's note, a display name) can begin with {@code = + - @}, or a tab or CR, which
 * spreadsheet programs run as a formula when the file is opened ("CSV injection"), and so can any part of it a
 * spreadsheet splits off as a cell of its own. {@link #text} puts a single quote before each such start, as OWASP
 * recommends; numbers and codes go through the other methods, unguarded, so a
 * negative improvement stays a number. The quote is visible in the cell: it is the price of opening an export
 * in a spreadsheet safely, and a program reading the file can strip it.
 */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv";
    /** RFC 4180's optional header parameter says the first record names the columns. */
    public static final String CONTENT_TYPE = "text/csv; charset=UTF-8; header=present";

    /** The JSON API's form of an instant: UTC, seconds always, fractions only when there are any. */
    private static final DateTimeFormatter INSTANT = new DateTimeFormatterBuilder().appendInstant().toFormatter();
    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private static final String FORMULA_START = "=+-@\t\r";
    private static final String CELL_BREAK = ",;\t|\r\n";

    private final Writer out;
    private boolean firstField = true;

    public Csv(Writer out) {
        this.out = out;
    }

    /** The header record. */
    public Csv header(String... names) throws IOException {
        for (String name : names) {
            field(name);
        }
        return end();
    }

    /** Free text from a person: quoted as needed, and defused when a spreadsheet would run it. */
    public Csv text(String value) throws IOException {
        return field(value == null ? null : defused(value));
    }

    /** A code, enum constant or identifier the service made: never begins with a formula character. */
    public Csv code(Object value) throws IOException {
        return field(value == null ? null : value instanceof Enum<?> e ? e.name() : value.toString());
    }

    public Csv id(UUID value) throws IOException {
        return field(value == null ? null : value.toString());
    }

    public Csv number(Integer value) throws IOException {
        return field(value == null ? null : value.toString());
    }

    public Csv number(BigDecimal value) throws IOException {
        return field(value == null ? null : value.toPlainString());
    }

    public Csv time(Instant value) throws IOException {
        return field(value == null ? null : INSTANT.format(value));
    }

    public Csv date(LocalDate value) throws IOException {
        return field(value == null ? null : value.toString());
    }

    /** Ends the record. */
    public Csv end() throws IOException {
        out.write("\r\n");
        firstField = true;
        return this;
    }

    private Csv field(String value) throws IOException {
        if (!firstField) {
            out.write(',');
        }
        firstField = false;
        if (value != null) {
            out.write(quoted(value));
        }
        return this;
    }

    static String quoted(String value) {
        boolean needsQuotes = false;
        for (int i = 0; i < value.length() && !needsQuotes; i++) {
            char c = value.charAt(i);
            needsQuotes = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return needsQuotes ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    /**
     * The value with a single quote before every character that could start a formula where a cell could start:
     * the beginning, and after any character a spreadsheet may split a line into cells at (comma, semicolon, tab,
     * pipe, a line break), spaces between them included. "Stable;=1+1" is two cells where the semicolon separates
     * fields, and the second must not run.
     */
    static String defused(String value) {
        StringBuilder safe = null;
        boolean cellStart = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (cellStart && FORMULA_START.indexOf(c) >= 0) {
                if (safe == null) {
                    safe = new StringBuilder(value.length() + 8).append(value, 0, i);
                }
                safe.append('\'');
            }
            if (safe != null) {
                safe.append(c);
            }
            cellStart = CELL_BREAK.indexOf(c) >= 0 || (cellStart && c == ' ');
        }
        return safe == null ? value : safe.toString();
    }

    /** {@code attachment; filename="<stem>-<yyyymmdd>.csv"}: the date the file was made, in UTC. */
    public static String attachment(String stem, Instant madeAt) {
        return "attachment; filename=\"" + stem + "-" + FILE_DATE.format(madeAt) + ".csv\"";
    }
}
