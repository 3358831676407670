package io.appgraph.platform;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * One page of a Relay connection: serves every {@code XConnection} type of the schema.
 *
 * @param totalCount how many items match, over all pages
 * @param pageInfo where this page sits
 * @param edges the items of this page with their cursors
 */
public record Connection<T>(long totalCount, PageInfo pageInfo, List<Edge<T>> edges) {

    /**
     * Builds a page from up to {@code first + 1} rows fetched after the cursor: the extra
     * row only says that a next page exists.
     */
    public static <T> Connection<T> of(long totalCount, List<T> rows, PageRequest page, Function<T, String> cursor) {
        return of(totalCount, rows, page, (row, index) -> cursor.apply(row));
    }

    /**
     * Builds a page of a ranked list, whose cursors are positions: the page starts after
     * {@code offset} items.
     */
    public static <T> Connection<T> ofPositions(long totalCount, List<T> rows, PageRequest page, String kind,
            int offset) {
        return of(totalCount, rows, page, (row, index) -> PageRequest.cursor(kind, String.valueOf(offset + index + 1)));
    }

    /**
     * Builds a page whose cursors need more than the row, such as a sort key fetched
     * beside it: {@code cursor} gets the row and its index in {@code rows}.
     */
    public static <T> Connection<T> of(long totalCount, List<T> rows, PageRequest page,
            BiFunction<T, Integer, String> cursor) {
        boolean hasNext = rows.size() > page.first();
        List<Edge<T>> edges = IntStream.range(0, Math.min(rows.size(), page.first()))
            .mapToObj(i -> new Edge<>(cursor.apply(rows.get(i), i), rows.get(i)))
            .toList();
        return new Connection<>(totalCount,
                new PageInfo(hasNext, page.after() != null, edges.isEmpty() ? null : edges.get(0).cursor(),
                        edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()),
                edges);
    }

    /**
     * @param cursor opaque position of the node, for {@code after}
     */
    public record Edge<T>(String cursor, T node) {
    }

    /** Relay page information. */
    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
    }
}
