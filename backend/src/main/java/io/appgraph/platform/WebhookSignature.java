package io.appgraph.platform;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 signature webhooks send in {@code X-Appgraph-Signature-256:
 * sha256=<hex>}, computed over the raw body with the webhook's shared secret and compared
 * in constant time.
 */
public final class WebhookSignature {

    /** The header that carries the signature. */
    public static final String HEADER = "X-Appgraph-Signature-256";

    private static final String PREFIX = "sha256=";

    private static final String HMAC = "HmacSHA256";

    private WebhookSignature() {
    }

    /**
     * Whether {@code signature} (the header's value) is the HMAC-SHA256 of {@code body}
     * under {@code secret}; false for anything malformed.
     */
    public static boolean matches(byte[] body, String signature, String secret) {
        String given = signature.strip();
        if (!given.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] claimed;
        try {
            claimed = HexFormat.of().parseHex(given.substring(PREFIX.length()));
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
        return MessageDigest.isEqual(hmac(body, secret), claimed);
    }

    private static byte[] hmac(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
            return mac.doFinal(body);
        }
        catch (NoSuchAlgorithmException | InvalidKeyException ex) {
            throw new IllegalStateException("HMAC-SHA256 is not available", ex);
        }
    }

}
