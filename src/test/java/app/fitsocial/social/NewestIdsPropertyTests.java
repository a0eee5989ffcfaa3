package app.fitsocial.social;

import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/** The feed's merge of newest-first id lists against the obvious reference: a sorted set of everything. */
class NewestIdsPropertyTests {

    @Provide
    Arbitrary<List<List<Long>>> sources() {
        Arbitrary<List<Long>> source = Arbitraries.longs().between(1, 300).set().ofMaxSize(40)
                .map(ids -> ids.stream().sorted(Comparator.reverseOrder()).toList());
        return source.list().ofMaxSize(8);
    }

    @Property
    void mergeGivesTheNewestDistinctIds(@ForAll("sources") List<List<Long>> sources, @ForAll @IntRange(min = 1, max = 30) int count) {
        TreeSet<Long> all = new TreeSet<>(Comparator.reverseOrder());
        sources.forEach(all::addAll);
        assertThat(NewestIds.merge(sources, count)).containsExactlyElementsOf(all.stream().limit(count).toList());
    }

    @Property
    void belowKeepsTheNewestUnderTheCursor(@ForAll("sources") List<List<Long>> sources,
            @ForAll @IntRange(min = 1, max = 301) int before, @ForAll @IntRange(min = 1, max = 30) int count) {
        for (List<Long> source : sources) {
            assertThat(NewestIds.below(source, before, count))
                    .containsExactlyElementsOf(source.stream().filter(id -> id < before).limit(count).toList());
        }
    }
}
