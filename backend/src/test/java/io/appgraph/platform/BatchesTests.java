package io.appgraph.platform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batch glue: one load per batch with distinct keys; parents without a key get nothing.
 */
class BatchesTests {

    record Parent(String name, String key) {
    }

    @Test
    void loadsDistinctKeysOnceAndHandsEachParentItsValue() {
        List<Collection<String>> loads = new ArrayList<>();
        var a = new Parent("a", "x");
        var b = new Parent("b", "x");
        var c = new Parent("c", "y");

        Map<Parent, String> result = Batches.lookup(List.of(a, b, c), Parent::key, keys -> {
            loads.add(keys);
            return Map.of("x", "X");
        });

        assertThat(loads).singleElement().satisfies(keys -> assertThat(keys).containsExactly("x", "y"));
        assertThat(result).containsOnly(Map.entry(a, "X"), Map.entry(b, "X"));
    }

    @Test
    void parentsWithoutAKeyGetNothingAndCauseNoLoad() {
        List<Collection<String>> loads = new ArrayList<>();
        var orphan = new Parent("orphan", null);

        assertThat(Batches.lookup(List.of(orphan), Parent::key, keys -> {
            loads.add(keys);
            return Map.of();
        })).isEmpty();
        assertThat(Batches.<Parent, String, String>lists(List.of(orphan), Parent::key, keys -> Map.of()))
            .containsOnly(Map.entry(orphan, List.of()));
        assertThat(loads).isEmpty();
    }

    @Test
    void mixedBatchesLoadOnlyTheKeysThatExist() {
        var owned = new Parent("owned", "x");
        var orphan = new Parent("orphan", null);

        Map<Parent, List<String>> result = Batches.lists(List.of(owned, orphan), Parent::key,
                keys -> Map.of("x", List.of("one", "two")));

        assertThat(result).containsOnly(Map.entry(owned, List.of("one", "two")), Map.entry(orphan, List.of()));
    }

}
