package io.appgraph.platform;

/** Which way a list is sorted, as clients ask for it. */
public enum OrderDirection {

    ASC, DESC

}
