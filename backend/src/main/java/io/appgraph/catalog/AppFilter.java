package io.appgraph.catalog;

/** Criteria of the app directory, combined with AND; null means any. */
record AppFilter(String search, String squad, String owner, Tier tier) {

    static final AppFilter ANY = new AppFilter(null, null, null, null);
}
