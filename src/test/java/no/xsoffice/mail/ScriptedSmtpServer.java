package no.xsoffice.mail;

import static no.xsoffice.mail.Api.json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.restassured.specification.RequestSpecification;

/**
 * A small SMTP server for the failures GreenMail cannot play: a chosen reply to EHLO, AUTH, MAIL FROM or to
 * some RCPT TO, a server that accepts connections and never answers, and an outage (stopped,
 * then started again on the same port). Counts connections and keeps each message's data.
 */
public class ScriptedSmtpServer implements AutoCloseable {

    public volatile String ehloReply = "250-scripted\r\n250-PIPELINING\r\n250 8BITMIME";
    /** The reply to AUTH; null answers it like any other unknown command. */
    public volatile String authReply;
    public volatile String mailFromReply = "250 OK";
    public volatile Function<String, String> rcptReply = rcpt -> "250 OK";
    /** Most recipients per transaction; the ones after are answered 452 4.5.3; 0 for no limit. */
    public volatile int maxRecipients;
    /** The reply to the message, after its data. */
    public volatile String dataReply = "250 2.0.0 Ok: queued as 4F2A1C";
    /** How long the server waits before its greeting, as a tarpitting server does. */
    public volatile long greetingDelayMillis;
    /** How long the server takes before it answers the end of the data, as a content filter does. */
    public volatile long dataReplyDelayMillis;
    /** Takes the whole message and then never answers it; counted in {@link #unanswered}. */
    public volatile boolean dataUnanswered;
    /** The messages taken whole and never answered. */
    public final List<String> unanswered = new CopyOnWriteArrayList<>();
    public volatile boolean silent;
    /** Every EHLO and MAIL FROM line, as the client sent it. */
    public final List<String> greetings = new CopyOnWriteArrayList<>();
    public final List<String> mailFroms = new CopyOnWriteArrayList<>();
    /** The recipients the server accepted for each message, in the order of {@link #messages}. */
    public final List<List<String>> envelopes = new CopyOnWriteArrayList<>();
    public final AtomicInteger connections = new AtomicInteger();
    /** Most connections open at once, as Postfix's {@code smtpd_client_connection_count_limit}; 0 for no limit. */
    public volatile int connectionLimit;
    /** When (System.nanoTime) each connection over the limit was refused with 421. */
    public final List<Long> refusedAt = new CopyOnWriteArrayList<>();
    private final AtomicInteger open = new AtomicInteger();
    public final List<String> messages = new CopyOnWriteArrayList<>();

    private final int port;
    private volatile ServerSocket socket;

    public ScriptedSmtpServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        port = socket.getLocalPort();
        accept(socket);
    }

    public int port() {
        return port;
    }

    /** Saves this server, without sign-in or TLS, as the personal SMTP server of the user {@code as} speaks for. */
    public void serve(RequestSpecification as) {
        as.body(json("""
                { "useSharedServer": false, "host": "127.0.0.1", "port": %s, "security": "NONE",
                  "authentication": false }""", port)).put("/api/v1/users/me/smtp-profile").then().statusCode(200);
    }

    /** Stops listening: connections are refused until {@link #start()}. */
    public void stop() throws IOException {
        socket.close();
    }

    public void start() throws IOException {
        socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        accept(socket);
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private void accept(ServerSocket server) {
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    connections.incrementAndGet();
                    if (connectionLimit > 0 && open.get() >= connectionLimit) {
                        refusedAt.add(System.nanoTime());
                        try (client) {
                            say(client.getOutputStream(), "421 4.7.0 scripted Error: too many connections from 127.0.0.1");
                        } catch (IOException e) {
                            // the client went away first
                        }
                        continue;
                    }
                    open.incrementAndGet();
                    Thread session = new Thread(() -> {
                        try {
                            converse(client);
                        } finally {
                            open.decrementAndGet();
                        }
                    }, "scripted-smtp-session");
                    session.setDaemon(true);
                    session.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "scripted-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void converse(Socket client) {
        try (client) {
            if (silent) {
                client.getInputStream().read(); // holds the connection and never says a word
                return;
            }
            var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = client.getOutputStream();
            pause(greetingDelayMillis);
            say(out, "220 scripted ESMTP");
            String line;
            List<String> accepted = new ArrayList<>();
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                    case "EHLO" -> {
                        greetings.add(line);
                        say(out, ehloReply);
                    }
                    case "AUTH" -> say(out, authReply != null ? authReply : "250 OK");
                    case "HELO" -> say(out, "250 scripted");
                    case "MAIL" -> {
                        mailFroms.add(line);
                        accepted.clear();
                        say(out, mailFromReply);
                    }
                    case "RCPT" -> {
                        String reply = maxRecipients > 0 && accepted.size() >= maxRecipients
                                ? "452 4.5.3 Error: too many recipients" : rcptReply.apply(line);
                        if (reply.startsWith("2")) {
                            accepted.add(line.substring(line.indexOf('<') + 1, line.indexOf('>')));
                        }
                        say(out, reply);
                    }
                    case "DATA" -> {
                        say(out, "354 go ahead");
                        StringBuilder data = new StringBuilder();
                        String dataLine;
                        while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                            data.append(dataLine).append("\r\n");
                        }
                        if (dataLine == null) {
                            return; // cut off before its end: no message
                        }
                        if (dataUnanswered) {
                            unanswered.add(data.toString());
                            while (in.readLine() != null) {
                                // holds the connection without a word, until the client gives up
                            }
                            return;
                        }
                        pause(dataReplyDelayMillis);
                        String reply = dataReply;
                        if (reply.startsWith("2")) {
                            messages.add(data.toString());
                            envelopes.add(List.copyOf(accepted));
                        }
                        say(out, reply);
                    }
                    case "QUIT" -> {
                        say(out, "221 bye");
                        return;
                    }
                    default -> say(out, "250 OK");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // the server's own slowness, part of the script
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
