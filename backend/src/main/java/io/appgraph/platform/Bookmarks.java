package io.appgraph.platform;

import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Bookmark;
import org.neo4j.driver.BookmarkManager;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.Neo4jException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Read your own writes across replicas. Within one appgraph every read already waits for
 * the writes before it (the driver's bookmark manager, {@link Cypher}). Across replicas
 * behind one Service, a client that wrote through one and reads through another could be
 * sent to a cluster member that has not caught up, so:
 * <ul>
 * <li>every {@code /graphql} answer carries {@value #HEADER}: the bookmarks of what this
 * replica has seen, opaque to the client;</li>
 * <li>a request that sends it back, to any replica, first waits for the database to reach
 * it (as long as the server's {@code db.transaction.bookmark_ready_timeout} allows, 30 s
 * by default), with a read in a session holding those bookmarks; that read's own bookmark
 * then joins the replica's bookmark manager, so the request's reads see the client's
 * writes. A value that is not a bookmark of this database is refused with 400 before
 * anything runs; one the database cannot reach in time, with 503. Only the database's
 * answer enters the bookmark manager, never what the client sent, so a bad header cannot
 * hold up anyone else's reads.</li>
 * </ul>
 * The portal needs none of this: its session keeps it on one replica.
 */
public final class Bookmarks {

    /** The request and response header. */
    public static final String HEADER = "Appgraph-Bookmark";

    // Neo4j's status codes for a bookmark it does not know (and a mixture from several
    // databases).
    private static final String INVALID_BOOKMARK = "Neo.ClientError.Transaction.InvalidBookmark";

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private Bookmarks() {
    }

    static String encode(Set<Bookmark> bookmarks) {
        List<String> values = bookmarks.stream().map(Bookmark::value).sorted().toList();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(values));
    }

    static Set<Bookmark> decode(String header) {
        try {
            List<String> values = JSON.readValue(Base64.getUrlDecoder().decode(header.trim()), STRINGS);
            Set<Bookmark> bookmarks = new HashSet<>();
            for (String value : values) {
                if (value == null || value.isBlank()) {
                    throw new IllegalArgumentException("an empty bookmark");
                }
                bookmarks.add(Bookmark.from(value));
            }
            return bookmarks;
        }
        catch (IllegalArgumentException | JacksonException ex) {
            throw new IllegalArgumentException("%s is not a value appgraph gave out".formatted(HEADER), ex);
        }
    }

    /** Waits for the client's bookmarks before the request runs. */
    static final class CatchUp extends OncePerRequestFilter {

        private final Driver driver;

        private final BookmarkManager shared;

        CatchUp(Driver driver) {
            this.driver = driver;
            this.shared = driver.executableQueryBookmarkManager();
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader(HEADER);
            if (header == null || header.isBlank()) {
                chain.doFilter(request, response);
                return;
            }
            Set<Bookmark> wanted;
            try {
                wanted = decode(header);
            }
            catch (IllegalArgumentException ex) {
                refuse(response, HttpServletResponse.SC_BAD_REQUEST, ex.getMessage());
                return;
            }
            SessionConfig config = SessionConfig.builder()
                .withBookmarks(wanted)
                .withDefaultAccessMode(AccessMode.READ)
                .build();
            try (Session session = this.driver.session(config)) {
                // Auto-commit, so not retried: a bookmark the server cannot reach fails
                // once.
                session.run("RETURN 1", TransactionConfig.builder().withTimeout(PROBE_TIMEOUT).build()).consume();
                this.shared.updateBookmarks(Set.of(), session.lastBookmarks());
            }
            catch (ClientException ex) {
                if (ex.code() == null || !ex.code().startsWith(INVALID_BOOKMARK)) {
                    throw ex;
                }
                refuse(response, HttpServletResponse.SC_BAD_REQUEST,
                        "%s is not a bookmark of this database: %s".formatted(HEADER, ex.getMessage()));
                return;
            }
            catch (Neo4jException ex) {
                refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                        "The database has not caught up with %s yet; try again".formatted(HEADER));
                return;
            }
            chain.doFilter(request, response);
        }

        private static void refuse(HttpServletResponse response, int status, String error) throws IOException {
            HttpErrorBody.write(response, status, error, List.of());
        }

    }

    /** Tells the client what this replica has seen, after its request ran. */
    static final class Relay implements WebGraphQlInterceptor {

        private final BookmarkManager shared;

        Relay(Driver driver) {
            this.shared = driver.executableQueryBookmarkManager();
        }

        @Override
        public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
            return chain.next(request).doOnNext(response -> {
                Set<Bookmark> seen = this.shared.getBookmarks();
                if (!seen.isEmpty()) {
                    response.getResponseHeaders().set(HEADER, encode(seen));
                }
            });
        }

    }

}
