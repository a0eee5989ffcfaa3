package app.fitsocial.platform.web.fields;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.fitsocial.platform.web.InvalidFieldException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Properties of the {@code fields} parser: valid expressions round-trip, garbage is only ever a 400. */
class FieldSelectionPropertyTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Property(tries = 500)
    void validExpressionsRoundTrip(@ForAll("expressions") String expression) {
        FieldSelection parsed = FieldSelection.parse(expression);
        assertThat(parsed.toString()).isEqualTo(expression);
        assertThat(FieldSelection.parse(parsed.toString())).isEqualTo(parsed);
    }

    @Property(tries = 500)
    void spacesAroundPunctuationDoNotMatter(@ForAll("expressions") String expression) {
        String spaced = expression.replace(",", " , ").replace("(", " ( ").replace(")", " ) ");
        assertThat(FieldSelection.parse(spaced)).isEqualTo(FieldSelection.parse(expression));
    }

    @Property(tries = 2000)
    void garbageIsRejectedAsInvalidInputOrParsed(@ForAll("garbage") String garbage) {
        try {
            FieldSelection.parse(garbage);
        }
        catch (InvalidFieldException expected) {
            assertThat(expected.getBody().getDetail()).contains("fields");
        }
    }

    @Example
    void rejectsMalformedExpressionsNamingTheProblem() {
        for (String bad : List.of("", ",", "id,", "id,,name", "a(", "a()", "a(b", "a)b", "1a", "a b", "a,a",
                "a(".repeat(10) + "b" + ")".repeat(10), "x".repeat(1001))) {
            assertThatThrownBy(() -> FieldSelection.parse(bad)).as(bad).isInstanceOf(InvalidFieldException.class);
        }
    }

    @Example
    void keepsOnlyTheSelectedFieldsAtEveryLevel() {
        JsonNode node = JSON.readTree("""
                {"id":1,"text":"t","author":{"id":2,"displayName":"Ann","secret":"s"},"tags":[{"a":1,"b":2}]}""");
        FieldSelection.parse("id,author(displayName),tags(b)").apply(node);
        assertThat(node.toString()).isEqualTo("{\"id\":1,\"author\":{\"displayName\":\"Ann\"},\"tags\":[{\"b\":2}]}");
    }

    @Provide
    Arbitrary<String> expressions() {
        return selection(3);
    }

    private Arbitrary<String> selection(int depth) {
        Arbitrary<String> field = depth == 0 ? names()
                : Arbitraries.oneOf(names(), names().flatMap(name -> selection(depth - 1).map(inner -> name + "(" + inner + ")")));
        return field.list().ofMinSize(1).ofMaxSize(4).uniqueElements(ResponseNameOf::name)
                .map(fields -> String.join(",", fields));
    }

    private static Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('_', 'A', 'Z', '0', '9').ofMinLength(1).ofMaxLength(8)
                .filter(name -> !Character.isDigit(name.charAt(0)));
    }

    @Provide
    Arbitrary<String> garbage() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("(),ab _1\u0000\u00e9\"").ofMaxLength(40));
    }

    /** The name part of one field of an expression, so generated selections never name a field twice. */
    private static final class ResponseNameOf {

        static String name(String field) {
            int paren = field.indexOf('(');
            return paren < 0 ? field : field.substring(0, paren);
        }
    }
}
