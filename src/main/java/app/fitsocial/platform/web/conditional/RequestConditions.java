package app.fitsocial.platform.web.conditional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ETag;
import org.springframework.http.HttpHeaders;

/**
 * The preconditions a request sends (RFC 9110 section 13.1), read from every field line:
 * {@code If-Match} and {@code If-None-Match} as lists of entity tags (or {@code *}),
 * {@code If-Modified-Since} and {@code If-Unmodified-Since} as dates. A date that is not a valid
 * HTTP-date, or a date field sent more than once, is ignored, as the RFC requires; a tag list
 * that does not follow the RFC's grammar names nothing, so it satisfies no {@code If-Match} and
 * makes no 304.
 *
 * @param ifMatch the tags of {@code If-Match}, {@code null} without the field
 * @param ifNoneMatch the tags of {@code If-None-Match}, {@code null} without the field
 * @param ifModifiedSince the date of {@code If-Modified-Since} (epoch seconds), {@code null} without a usable one
 * @param ifUnmodifiedSince the date of {@code If-Unmodified-Since} (epoch seconds), {@code null} without a usable one
 */
public record RequestConditions(@Nullable List<ETag> ifMatch, @Nullable List<ETag> ifNoneMatch,
        @Nullable Long ifModifiedSince, @Nullable Long ifUnmodifiedSince) {

    private static final ETag ANY = ETag.parse("*").get(0);

    public static RequestConditions of(HttpServletRequest request) {
        return new RequestConditions(tags(request, HttpHeaders.IF_MATCH), tags(request, HttpHeaders.IF_NONE_MATCH),
                date(request, HttpHeaders.IF_MODIFIED_SINCE), date(request, HttpHeaders.IF_UNMODIFIED_SINCE));
    }

    /** Whether the request sends any precondition at all. */
    public boolean isEmpty() {
        return ifMatch == null && ifNoneMatch == null && ifModifiedSince == null && ifUnmodifiedSince == null;
    }

    /** Whether only the preconditions that can make a GET a 304 are sent (nothing that can make it a 412). */
    boolean onlyRevalidates() {
        return ifMatch == null && ifUnmodifiedSince == null && (ifNoneMatch != null || ifModifiedSince != null);
    }

    private static @Nullable List<ETag> tags(HttpServletRequest request, String name) {
        List<String> lines = Collections.list(request.getHeaders(name));
        if (lines.isEmpty()) {
            return null;
        }
        List<ETag> tags = new ArrayList<>();
        for (String line : lines) {
            tags.addAll(parse(line));
        }
        return List.copyOf(tags);
    }

    /**
     * The tags of one field line: {@code "*"} alone, or a comma-separated list of entity tags
     * ({@code [W/]"opaque"}, empty elements allowed). A line that is anything else names nothing:
     * it can satisfy no {@code If-Match} and make no 304.
     */
    static List<ETag> parse(String line) {
        String value = line.strip();
        if (value.equals("*")) {
            return List.of(ANY);
        }
        List<ETag> tags = new ArrayList<>();
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') {
                i++;
                continue;
            }
            boolean weak = value.startsWith("W/", i);
            int quote = weak ? i + 2 : i;
            if (quote >= value.length() || value.charAt(quote) != '"') {
                return List.of();
            }
            int end = quote + 1;
            while (end < value.length() && isEtagChar(value.charAt(end))) {
                end++;
            }
            if (end >= value.length() || value.charAt(end) != '"') {
                return List.of();
            }
            tags.add(new ETag(value.substring(quote + 1, end), weak));
            i = end + 1;
            while (i < value.length() && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            if (i < value.length() && value.charAt(i) != ',') {
                return List.of();
            }
        }
        return tags;
    }

    /** etagc: %x21 / %x23-7E / obs-text (RFC 9110 section 8.8.3). */
    private static boolean isEtagChar(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);
    }

    private static @Nullable Long date(HttpServletRequest request, String name) {
        List<String> lines = Collections.list(request.getHeaders(name));
        if (lines.size() != 1) {
            return null;
        }
        try {
            long millis = request.getDateHeader(name);
            return millis < 0 ? null : Instant.ofEpochMilli(millis).getEpochSecond();
        }
        catch (IllegalArgumentException notADate) {
            return null;
        }
    }
}
