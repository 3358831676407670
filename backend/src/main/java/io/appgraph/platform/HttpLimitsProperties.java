package io.appgraph.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Protections of every HTTP endpoint, before any handler sees the request.
 *
 * @param maxRequestSize the largest request body accepted; a larger one is refused with
 * 413, a declared {@code Content-Length} before its body is read, a chunked body as soon
 * as it has passed the limit. Bodies without a length are buffered up to this size, so
 * keep it small (env {@code APPGRAPH_HTTP_MAX_REQUEST_SIZE})
 * @param maxImportSize the same limit for bulk imports under {@code /api/import/}, whose
 * bodies are whole catalogs: the network policies of a cluster, a Backstage catalog (env
 * {@code APPGRAPH_HTTP_MAX_IMPORT_SIZE})
 */
@ConfigurationProperties("appgraph.http")
public record HttpLimitsProperties(@DefaultValue("1MB") DataSize maxRequestSize,
        @DefaultValue("64MB") DataSize maxImportSize) {

    // A chunked body is counted into a byte array, which a larger limit would overflow.
    private static final DataSize LARGEST = DataSize.ofMegabytes(1024);

    public HttpLimitsProperties {
        check("appgraph.http.max-request-size", maxRequestSize);
        check("appgraph.http.max-import-size", maxImportSize);
    }

    private static void check(String property, DataSize size) {
        if (size.toBytes() < 1 || size.compareTo(LARGEST) > 0) {
            throw new IllegalArgumentException(property + " must be between 1B and 1GB, was " + size);
        }
    }
}
