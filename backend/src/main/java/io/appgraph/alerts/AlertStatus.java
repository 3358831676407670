package io.appgraph.alerts;

/** Where an alert stands. */
enum AlertStatus {

    FIRING, RESOLVED

}
