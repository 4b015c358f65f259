package no.xsoffice.mail.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Signs stored MIME bytes with DKIM (RFC 6376): rsa-sha256, relaxed/relaxed, the DKIM-Signature header put in
 * front of the message; From, To, Subject and Reply-To oversigned. The body hash is computed in one pass over the bytes through a small buffer, so signing
 * a 25 MB message costs no second copy of it for the hash; the signed message is one new array (header + body).
 */
public final class DkimSigner {

    /** Signed when present, in this order; each occurrence of a field is signed, the last one first. */
    static final List<String> SIGNED = List.of("from", "to", "cc", "subject", "date", "message-id", "mime-version",
            "content-type", "reply-to", "in-reply-to", "references", "list-unsubscribe", "list-unsubscribe-post");
    private static final Set<String> SIGNED_SET = Set.copyOf(SIGNED);
    /**
     * Listed once more than they occur (RFC 6376 8.15), absent ones too: the extra name signs "no further such
     * field", so one added after signing breaks the signature.
     */
    static final Set<String> OVERSIGNED = Set.of("from", "to", "subject", "reply-to");

    private DkimSigner() {
    }

    /** The message with a DKIM-Signature for {@code d=domain; s=selector} in front. */
    public static byte[] sign(byte[] mime, String domain, String selector, PrivateKey key, Instant now) {
        MimeHead head = MimeHead.of(mime);
        List<MimeHead.Field> signed = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String name : SIGNED) {
            List<MimeHead.Field> same = head.fields.stream().filter(f -> f.lowerName().equals(name)).toList();
            for (int i = same.size() - 1; i >= 0; i--) {
                signed.add(same.get(i));
                names.add(name);
            }
            if (OVERSIGNED.contains(name)) {
                names.add(name); // matches no field: signed as empty
            }
        }
        String bodyHash = Base64.getEncoder().encodeToString(bodyHash(mime, head.bodyStart));
        String unsigned = "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + selector
                + ";\r\n\tt=" + now.getEpochSecond() + "; h=" + String.join(":", names) + ";\r\n\tbh=" + bodyHash
                + ";\r\n\tb=";
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            for (MimeHead.Field field : signed) {
                rsa.update(relaxedHeader(field.raw()).getBytes(StandardCharsets.ISO_8859_1));
                rsa.update(MimeHead.CRLF);
            }
            rsa.update(relaxedHeader(unsigned).getBytes(StandardCharsets.ISO_8859_1));
            String b = Base64.getEncoder().encodeToString(rsa.sign());
            StringBuilder header = new StringBuilder(unsigned);
            for (int i = 0; i < b.length(); i += 72) {
                header.append(i == 0 ? "" : "\r\n\t ").append(b, i, Math.min(b.length(), i + 72));
            }
            List<String> fields = new ArrayList<>();
            fields.add(header.toString());
            head.fields.forEach(f -> fields.add(f.raw()));
            return MimeHead.join(fields, mime, head.bodyStart);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("DKIM signing failed", e);
        }
    }

    static boolean isSigned(String lowerName) {
        return SIGNED_SET.contains(lowerName);
    }

    /** Relaxed header canonicalisation: lower-case name, unfolded, runs of white space as one space, trimmed. */
    static String relaxedHeader(String raw) {
        int colon = raw.indexOf(':');
        String name = raw.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = raw.substring(colon + 1).replaceAll("\r\n", "").replaceAll("[ \t]+", " ").trim();
        return name + ":" + value;
    }

    /** SHA-256 of the relaxed body (RFC 6376 3.4.4), streamed from {@code start}. */
    static byte[] bodyHash(byte[] mime, int start) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[8192];
        int used = 0;
        int emptyLines = 0;
        int i = start;
        while (i < mime.length) {
            int end = i;
            while (end < mime.length && mime[end] != '\n') {
                end++;
            }
            int lineEnd = end > i && mime[end - 1] == '\r' ? end - 1 : end;
            // trailing white space is dropped, inner runs become one space
            int last = lineEnd;
            while (last > i && (mime[last - 1] == ' ' || mime[last - 1] == '\t')) {
                last--;
            }
            if (last == i) {
                emptyLines++;
            } else {
                for (; emptyLines > 0; emptyLines--) {
                    used = put(sha, buffer, used, (byte) '\r');
                    used = put(sha, buffer, used, (byte) '\n');
                }
                boolean space = false;
                for (int k = i; k < last; k++) {
                    byte c = mime[k];
                    if (c == ' ' || c == '\t') {
                        space = true;
                        continue;
                    }
                    if (space) {
                        used = put(sha, buffer, used, (byte) ' ');
                        space = false;
                    }
                    used = put(sha, buffer, used, c);
                }
                used = put(sha, buffer, used, (byte) '\r');
                used = put(sha, buffer, used, (byte) '\n');
            }
            i = end + 1;
        }
        sha.update(buffer, 0, used);
        return sha.digest();
    }

    private static int put(MessageDigest sha, byte[] buffer, int used, byte b) {
        if (used == buffer.length) {
            sha.update(buffer, 0, used);
            used = 0;
        }
        buffer[used] = b;
        return used + 1;
    }
}
