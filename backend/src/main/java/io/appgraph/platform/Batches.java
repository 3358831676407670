package io.appgraph.platform;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Glue for {@code @BatchMapping} methods: gathers the distinct keys of a batch of
 * parents, loads them with one query, and hands each parent its value.
 */
public final class Batches {

    private Batches() {
    }

    /**
     * One related item per parent, such as an app's squad; parents without a key get
     * none.
     */
    public static <P, K, V> Map<P, V> lookup(Collection<P> parents, Function<P, K> key,
            Function<Collection<K>, Map<K, V>> load) {
        Map<K, V> found = load(parents, key, load);
        Map<P, V> result = new HashMap<>();
        for (P parent : parents) {
            K k = key.apply(parent);
            V value = (k != null) ? found.get(k) : null;
            if (value != null) {
                result.put(parent, value);
            }
        }
        return result;
    }

    /**
     * A list of related items per parent, such as a squad's members; empty when there are
     * none.
     */
    public static <P, K, V> Map<P, List<V>> lists(Collection<P> parents, Function<P, K> key,
            Function<Collection<K>, Map<K, List<V>>> load) {
        Map<K, List<V>> found = load(parents, key, load);
        Map<P, List<V>> result = new HashMap<>();
        for (P parent : parents) {
            K k = key.apply(parent);
            result.put(parent, (k != null) ? found.getOrDefault(k, List.of()) : List.of());
        }
        return result;
    }

    private static <P, K, R> Map<K, R> load(Collection<P> parents, Function<P, K> key,
            Function<Collection<K>, Map<K, R>> load) {
        Set<K> keys = new LinkedHashSet<>();
        for (P parent : parents) {
            K k = key.apply(parent);
            if (k != null) {
                keys.add(k);
            }
        }
        return keys.isEmpty() ? Map.of() : load.apply(keys);
    }

}
