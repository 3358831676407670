package io.appgraph.platform;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than {@code appgraph.http.max-request-size} (for bulk
 * imports under {@code /api/import/}, {@code appgraph.http.max-import-size}) with 413 and
 * a JSON body naming the limit and the size. A declared {@code Content-Length} over the
 * limit is refused before a byte is read (the container never delivers more than the
 * declared length). A chunked body, whose size is known only at its end, is read here and
 * counted as it arrives, up to one byte past the limit: refused at that byte, or else
 * handed on from memory. Deciding before any handler reads is what lets the answer be a
 * clean 413 rather than whatever a handler makes of a stream that breaks half way.
 */
final class RequestSizeLimit extends OncePerRequestFilter {

    private static final String IMPORTS = "/api/import/";

    private final long requestLimit;

    private final long importLimit;

    RequestSizeLimit(HttpLimitsProperties properties) {
        this.requestLimit = properties.maxRequestSize().toBytes();
        this.importLimit = properties.maxImportSize().toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean isImport = request.getRequestURI().startsWith(IMPORTS);
        long limit = isImport ? this.importLimit : this.requestLimit;
        String property = isImport ? "appgraph.http.max-import-size" : "appgraph.http.max-request-size";
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(response, limit, property, "The request body has " + declared + " bytes");
            return;
        }
        if (declared < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            byte[] body = readUpToOnePastLimit(request.getInputStream(), limit);
            if (body.length > limit) {
                refuse(response, limit, property,
                        "The request body has more than " + limit + " bytes (chunked, read until the limit)");
                return;
            }
            chain.doFilter(new BufferedBody(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private byte[] readUpToOnePastLimit(InputStream in, long limit) throws IOException {
        var body = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        long wanted = limit + 1;
        int read;
        while (body.size() < wanted
                && (read = in.read(chunk, 0, (int) Math.min(chunk.length, wanted - body.size()))) != -1) {
            body.write(chunk, 0, read);
        }
        return body.toByteArray();
    }

    private void refuse(HttpServletResponse response, long limit, String property, String size) throws IOException {
        HttpErrorBody.write(response, HttpStatus.CONTENT_TOO_LARGE.value(), "Request body too large",
                List.of("The limit is " + limit + " bytes (" + property + ")", size));
    }

    /**
     * The request with its body, already read and within the limit, served from memory.
     */
    private static final class BufferedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return this.body.length;
        }

        @Override
        public long getContentLengthLong() {
            return this.body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(this.body);
            return new ServletInputStream() {

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body was read already; read it blocking");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

    }

}
