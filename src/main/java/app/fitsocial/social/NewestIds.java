package app.fitsocial.social;

import java.util.ArrayList;
import java.util.List;

/**
 * Merging lists of activity ids that are each newest first (highest id first), the way a feed
 * page is put together from its sources: without sorting or boxing more than the page needs.
 */
final class NewestIds {

    private NewestIds() {
    }

    /** Up to {@code count} ids of {@code newestFirst} below {@code before}, newest first. */
    static List<Long> below(List<Long> newestFirst, long before, int count) {
        List<Long> below = new ArrayList<>(Math.min(count, newestFirst.size()));
        for (Long id : newestFirst) {
            if (below.size() == count) {
                break;
            }
            if (id < before) {
                below.add(id);
            }
        }
        return below;
    }

    /** The newest {@code count} distinct ids of two newest-first lists, newest first. */
    static List<Long> merge(List<Long> first, List<Long> second, int count) {
        return merge(List.of(first, second), count);
    }

    /** The newest {@code count} distinct ids of several newest-first lists, newest first (a k-way merge). */
    static List<Long> merge(List<List<Long>> lists, int count) {
        int[] next = new int[lists.size()];
        List<Long> merged = new ArrayList<>(count);
        long last = Long.MAX_VALUE;
        while (merged.size() < count) {
            int pick = -1;
            long best = Long.MIN_VALUE;
            for (int i = 0; i < lists.size(); i++) {
                List<Long> list = lists.get(i);
                // skip what was taken already (the same id in several sources)
                while (next[i] < list.size() && list.get(next[i]) >= last) {
                    next[i]++;
                }
                if (next[i] < list.size() && list.get(next[i]) > best) {
                    best = list.get(next[i]);
                    pick = i;
                }
            }
            if (pick < 0) {
                break;
            }
            merged.add(best);
            last = best;
            next[pick]++;
        }
        return merged;
    }
}
