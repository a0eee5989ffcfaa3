package app.fitsocial.platform.web.conditional;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.ETag;
import org.springframework.mock.web.MockHttpServletRequest;

import app.fitsocial.platform.web.conditional.Preconditions.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9110 section 13.2.2 case by case: each precondition alone, their order, every field line,
 * lists, {@code *}, weak and strong comparison, dates, and what happens when the last
 * modification cannot be told.
 */
class PreconditionsTests {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final long MODIFIED = NOW.getEpochSecond() - 60;
    private static final ETag CURRENT = new ETag("abc", true);
    private static final CurrentRepresentation KNOWN = CurrentRepresentation.of(CURRENT, MODIFIED, true);
    private static final CurrentRepresentation UNKNOWN_DATE = CurrentRepresentation.of(CURRENT, null, false);

    private static RequestConditions conditions(String... headers) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/x");
        for (int i = 0; i < headers.length; i += 2) {
            request.addHeader(headers[i], headers[i + 1]);
        }
        return RequestConditions.of(request);
    }

    private static Outcome read(CurrentRepresentation current, String... headers) {
        return Preconditions.evaluate(conditions(headers), current, true, NOW);
    }

    private static Outcome write(CurrentRepresentation current, String... headers) {
        return Preconditions.evaluate(conditions(headers), current, false, NOW);
    }

    private static String date(long epochSecond) {
        return java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochSecond(epochSecond)
                .atOffset(java.time.ZoneOffset.UTC));
    }

    @Test
    void ifNoneMatchComparesWeaklyOverListsAndEveryFieldLine() {
        assertThat(read(KNOWN, "If-None-Match", "W/\"abc\"")).isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(read(KNOWN, "If-None-Match", "\"abc\"")).as("strong form, weak comparison").isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(read(KNOWN, "If-None-Match", "\"x\", W/\"abc\"")).isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(read(KNOWN, "If-None-Match", "\"x\"", "If-None-Match", "W/\"abc\"")).as("second field line")
                .isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(read(KNOWN, "If-None-Match", ", ,W/\"abc\" ,")).as("empty list elements").isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(read(KNOWN, "If-None-Match", "*")).isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(read(KNOWN, "If-None-Match", "\"x\"")).isEqualTo(Outcome.PROCEED);
        assertThat(write(KNOWN, "If-None-Match", "*")).as("a write to an existing resource").isEqualTo(Outcome.PRECONDITION_FAILED);
        assertThat(write(new CurrentRepresentation(false, null, null, true), "If-None-Match", "*")).isEqualTo(Outcome.PROCEED);
    }

    @Test
    void malformedTagListsNameNothing() {
        for (String garbage : List.of("", "garbage", "W/", "\"unterminated", ",,,", "W/\"abc\", *, \"", "\u00e9t\u00e9",
                "\"abc\" junk", "\"abc\"\"def\"", "* , W/\"abc\"")) {
            assertThat(read(KNOWN, "If-None-Match", garbage)).as("If-None-Match: [%s]", garbage).isEqualTo(Outcome.PROCEED);
            assertThat(write(KNOWN, "If-Match", garbage)).as("If-Match: [%s]", garbage).isEqualTo(Outcome.PRECONDITION_FAILED);
        }
        assertThat(RequestConditions.parse("\"a\", W/\"b\"")).containsExactly(new ETag("a", false), new ETag("b", true));
    }

    @Test
    void ifMatchComparesTheOpaqueTagAndStarMatchesAnyExistingResource() {
        assertThat(write(KNOWN, "If-Match", "W/\"abc\"")).isEqualTo(Outcome.PROCEED);
        assertThat(write(KNOWN, "If-Match", "\"abc\"")).isEqualTo(Outcome.PROCEED);
        assertThat(write(KNOWN, "If-Match", "\"old\", \"abc\"")).isEqualTo(Outcome.PROCEED);
        assertThat(write(KNOWN, "If-Match", "\"old\"")).isEqualTo(Outcome.PRECONDITION_FAILED);
        assertThat(write(KNOWN, "If-Match", "*")).isEqualTo(Outcome.PROCEED);
        assertThat(write(CurrentRepresentation.untagged(), "If-Match", "*")).isEqualTo(Outcome.PROCEED);
        assertThat(write(CurrentRepresentation.untagged(), "If-Match", "\"abc\"")).isEqualTo(Outcome.PRECONDITION_FAILED);
        assertThat(write(new CurrentRepresentation(false, null, null, true), "If-Match", "*"))
                .isEqualTo(Outcome.PRECONDITION_FAILED);
        assertThat(read(KNOWN, "If-Match", "\"old\"")).as("a GET too").isEqualTo(Outcome.PRECONDITION_FAILED);
    }

    @Test
    void datesCompareWithTheLastModificationAndFailSafeWhenItIsUnknown() {
        assertThat(read(KNOWN, "If-Modified-Since", date(MODIFIED))).isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(read(KNOWN, "If-Modified-Since", date(MODIFIED - 1))).isEqualTo(Outcome.PROCEED);
        assertThat(read(KNOWN, "If-Modified-Since", date(NOW.getEpochSecond() + 60))).as("a date in the future")
                .isEqualTo(Outcome.PROCEED);
        assertThat(read(UNKNOWN_DATE, "If-Modified-Since", date(MODIFIED))).isEqualTo(Outcome.PROCEED);
        assertThat(read(KNOWN, "If-Modified-Since", "yesterday")).isEqualTo(Outcome.PROCEED);
        assertThat(read(KNOWN, "If-Modified-Since", date(MODIFIED), "If-Modified-Since", date(MODIFIED)))
                .as("sent twice: ignored").isEqualTo(Outcome.PROCEED);
        assertThat(write(KNOWN, "If-Modified-Since", date(MODIFIED))).as("only for GET and HEAD").isEqualTo(Outcome.PROCEED);

        assertThat(write(KNOWN, "If-Unmodified-Since", date(MODIFIED))).isEqualTo(Outcome.PROCEED);
        assertThat(write(KNOWN, "If-Unmodified-Since", date(MODIFIED - 1))).isEqualTo(Outcome.PRECONDITION_FAILED);
        assertThat(write(UNKNOWN_DATE, "If-Unmodified-Since", date(MODIFIED))).isEqualTo(Outcome.PRECONDITION_FAILED);
        assertThat(read(UNKNOWN_DATE, "If-Unmodified-Since", date(MODIFIED))).isEqualTo(Outcome.PROCEED);
        assertThat(write(KNOWN, "If-Unmodified-Since", "Sun, 99 Foo 2026 99:99:99 GMT")).isEqualTo(Outcome.PROCEED);
        assertThat(write(CurrentRepresentation.untagged(), "If-Unmodified-Since", date(MODIFIED - 1)))
                .as("no modification date: ignored").isEqualTo(Outcome.PROCEED);
    }

    @Test
    void evaluatesInTheRfcsOrder() {
        assertThat(read(KNOWN, "If-None-Match", "\"x\"", "If-Modified-Since", date(MODIFIED)))
                .as("If-None-Match decides, If-Modified-Since is not looked at").isEqualTo(Outcome.PROCEED);
        assertThat(write(KNOWN, "If-Match", "\"abc\"", "If-Unmodified-Since", date(MODIFIED - 1)))
                .as("If-Match decides, If-Unmodified-Since is not looked at").isEqualTo(Outcome.PROCEED);
        assertThat(read(KNOWN, "If-Match", "\"old\"", "If-None-Match", "\"abc\""))
                .as("If-Match before If-None-Match").isEqualTo(Outcome.PRECONDITION_FAILED);
        assertThat(write(KNOWN, "If-Unmodified-Since", date(MODIFIED), "If-None-Match", "W/\"abc\""))
                .isEqualTo(Outcome.PRECONDITION_FAILED);
        assertThat(read(KNOWN, "If-Match", "\"abc\"", "If-None-Match", "\"abc\"")).isEqualTo(Outcome.NOT_MODIFIED);
    }
}
