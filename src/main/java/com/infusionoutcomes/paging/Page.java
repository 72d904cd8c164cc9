package com.infusionoutcomes.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list. {@code nextCursor} is opaque to clients and null on the last page. Lists are keyset-paged,
 * so records that arrive while a client pages through never shift or repeat what it has already seen.
 */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Builds a page from up to {@code limit + 1} rows fetched in list order: the extra row only says whether
     * a next page exists, and the cursor points after the last row returned.
     */
    public static <E, T> Page<T> of(List<E> rows, int limit, Function<E, Cursor> cursorOf, Function<E, T> view) {
        boolean more = rows.size() > limit;
        List<E> page = more ? rows.subList(0, limit) : rows;
        String next = more ? cursorOf.apply(page.get(page.size() - 1)).encode() : null;
        return new Page<>(page.stream().map(view).toList(), next);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
