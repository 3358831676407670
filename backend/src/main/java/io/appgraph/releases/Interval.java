package io.appgraph.releases;

/** The length of a statistics bucket, in UTC calendar terms. */
enum Interval {

    DAY, WEEK, MONTH, YEAR

}
