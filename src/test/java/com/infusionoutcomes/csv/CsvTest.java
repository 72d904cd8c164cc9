package com.infusionoutcomes.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.infusionoutcomes.Rfc4180;

/** RFC 4180 writing and the guard against formulas, without HTTP. */
class CsvTest {

    private static String written(CsvWrite write) throws IOException {
        StringWriter out = new StringWriter();
        write.to(new Csv(out));
        return out.toString();
    }

    private interface CsvWrite {
        void to(Csv csv) throws IOException;
    }

    @Test
    void shouldQuoteOnlyFieldsThatNeedIt() throws IOException {
        String text = written(csv -> csv.header("a", "b", "c", "d", "e").text("plain").text("comma, inside")
                .text("say \"hi\"").text("two\nlines").text("cr\rhere").end());
        assertEquals("a,b,c,d,e\r\nplain,\"comma, inside\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\"\r\n", text);
        assertEquals(List.of(List.of("a", "b", "c", "d", "e"),
                List.of("plain", "comma, inside", "say \"hi\"", "two\nlines", "cr\rhere")), Rfc4180.parse(text));
    }

    @Test
    void shouldWriteAbsentValuesAsEmptyFields() throws IOException {
        String text = written(csv -> csv.id(null).number((Integer) null).number((BigDecimal) null).time(null)
                .text(null).code(null).end());
        assertEquals(",,,,,\r\n", text);
    }

    @Test
    void shouldDefuseFreeTextThatASpreadsheetWouldRun() throws IOException {
        String text = written(csv -> csv.text("=HYPERLINK(\"http://x\",\"y\")").text("+1").text("-5 after lunch")
                .text("@SUM(A1)").text("\tTab").text("fine = ok").text("").end());
        assertEquals(List.of("'=HYPERLINK(\"http://x\",\"y\")", "'+1", "'-5 after lunch", "'@SUM(A1)", "'\tTab",
                "fine = ok", ""), Rfc4180.parse(text).get(0));
    }

    @Test
    void shouldDefuseAFormulaWhereverASpreadsheetCouldStartACell() throws IOException {
        String text = written(csv -> csv.text(";=1+1").text("Stable;=HYPERLINK(\"http://x\")").text("a|@SUM(A1)")
                .text("ok,  -2 since Monday").text("line\n=cmd").text("mood=5; pain 3").end());
        assertEquals(List.of(";'=1+1", "Stable;'=HYPERLINK(\"http://x\")", "a|'@SUM(A1)", "ok,  '-2 since Monday",
                "line\n'=cmd", "mood=5; pain 3"), Rfc4180.parse(text).get(0));
    }

    @Test
    void shouldLeaveNumbersAndCodesAsTheyAre() throws IOException {
        UUID id = UUID.fromString("0b8f5a2e-6c1d-4b7e-9a3f-2d4c6e8f0a1b");
        String text = written(csv -> csv.number(new BigDecimal("-12.5")).number(-3).code(Csv.class.getSimpleName())
                .id(id).time(Instant.parse("2026-03-04T02:30:00Z")).time(Instant.parse("2026-03-04T02:30:02.117Z"))
                .end());
        assertEquals("-12.5,-3,Csv,0b8f5a2e-6c1d-4b7e-9a3f-2d4c6e8f0a1b,2026-03-04T02:30:00Z,2026-03-04T02:30:02.117Z\r\n",
                text);
    }

    @Test
    void shouldNameTheDownloadAfterItsDay() {
        assertEquals("attachment; filename=\"check-ins-x-20260304.csv\"",
                Csv.attachment("check-ins-x", Instant.parse("2026-03-04T23:59:59Z")));
    }
}
