package io.appgraph.catalog;

/** A bookmark of an app: label (pipeline, source, logs, …) and absolute URL. */
public record Link(String label, String url) {
}
