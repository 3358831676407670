package io.appgraph.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;

/**
 * Keeps parsed and validated documents of the most recent distinct requests: clients (the
 * portal, pipelines, dashboards) send the same few documents again and again with other
 * variables, so each is parsed and validated once. Documents with errors are not kept.
 * Limits that depend on variables (cost, depth) are still checked on every request, after
 * this step.
 */
final class ParsedDocuments implements PreparsedDocumentProvider {

    private final Map<String, PreparsedDocumentEntry> documents;

    ParsedDocuments(int capacity) {
        this.documents = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparsedDocumentEntry> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        PreparsedDocumentEntry entry;
        synchronized (this.documents) {
            entry = this.documents.get(input.getQuery());
        }
        if (entry == null) {
            entry = parseAndValidate.apply(input);
            if (!entry.hasErrors()) {
                synchronized (this.documents) {
                    this.documents.put(input.getQuery(), entry);
                }
            }
        }
        return CompletableFuture.completedFuture(entry);
    }

}
