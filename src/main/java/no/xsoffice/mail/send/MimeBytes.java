package no.xsoffice.mail.send;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.mail.mailencoder.EncodedPart;

/**
 * Writes an encoded message as the bytes that go on the wire (CRLF line ends, before dot-stuffing), with the
 * attachments' base64 written straight from their bytes. The size is measured in a first pass so that the
 * message is held once, in an array of exactly its size.
 */
final class MimeBytes {

    private static final byte[] CRLF = { '\r', '\n' };
    /** 57 bytes make one 76-character base64 line. */
    private static final int CHUNK = 57 * 1024;
    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(76, CRLF);

    /** Stands in for an attachment's data when the message is encoded: its bytes are written here instead. */
    static final ReadStream<Buffer> ATTACHMENT = new ReadStream<>() {
        @Override
        public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public ReadStream<Buffer> handler(Handler<Buffer> handler) {
            return this;
        }

        @Override
        public ReadStream<Buffer> pause() {
            return this;
        }

        @Override
        public ReadStream<Buffer> resume() {
            return this;
        }

        @Override
        public ReadStream<Buffer> fetch(long amount) {
            return this;
        }

        @Override
        public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
            return this;
        }
    };

    private MimeBytes() {
    }

    /** The message: its parts in order, each attachment's bytes taken from {@code files} in the order they come. */
    static byte[] of(EncodedPart message, List<byte[]> files) {
        Counter counter = new Counter();
        write(message, files.iterator(), counter);
        if (counter.size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("A message of " + counter.size + " bytes cannot be held");
        }
        Filler filler = new Filler(new byte[(int) counter.size]);
        write(message, files.iterator(), filler);
        return filler.bytes;
    }

    private static void write(EncodedPart message, Iterator<byte[]> files, OutputStream out) {
        try {
            headers(message, out);
            body(message, files, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void headers(EncodedPart part, OutputStream out) throws IOException {
        for (var header : part.headers()) {
            text(header.getKey() + ": " + header.getValue(), out);
            out.write(CRLF);
        }
        out.write(CRLF);
    }

    private static void body(EncodedPart part, Iterator<byte[]> files, OutputStream out) throws IOException {
        if (part.parts() != null && !part.parts().isEmpty()) {
            for (EncodedPart inner : part.parts()) {
                line("--" + part.boundary(), out);
                headers(inner, out);
                body(inner, files, out);
            }
            line("--" + part.boundary() + "--", out);
        } else if (part.body() != null) {
            for (String line : part.body().split("\n")) {
                line(line, out);
            }
        } else {
            base64(files.next(), out);
        }
    }

    private static void base64(byte[] file, OutputStream out) throws IOException {
        for (int start = 0; start < file.length; start += CHUNK) {
            out.write(BASE64.encode(Arrays.copyOfRange(file, start, Math.min(file.length, start + CHUNK))));
            out.write(CRLF);
        }
    }

    private static void line(String text, OutputStream out) throws IOException {
        text(text, out);
        out.write(CRLF);
    }

    private static void text(String text, OutputStream out) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Counts what would be written. */
    private static final class Counter extends OutputStream {
        long size;

        @Override
        public void write(int b) {
            size++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            size += len;
        }
    }

    /** Writes into an array of the size counted before. */
    private static final class Filler extends OutputStream {
        final byte[] bytes;
        int position;

        Filler(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public void write(int b) {
            bytes[position++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            System.arraycopy(b, off, bytes, position, len);
            position += len;
        }
    }
}
