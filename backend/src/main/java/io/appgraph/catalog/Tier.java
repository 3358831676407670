package io.appgraph.catalog;

/** Disaster-recovery tier; TIER_1 is the most critical. */
public enum Tier {

    TIER_1, TIER_2, TIER_3, TIER_4

}
