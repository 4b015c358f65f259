package no.xsoffice.mail.smtpclient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hostile DNS for {@code localhost}: its first answer is 127.0.0.2, where the real server is reached, every
 * later one 127.0.0.1, where a trap on the same port counts the connections that a second look-up would send it.
 * The system resolver also answers 127.0.0.1 for the name, so a connection by name lands in the trap too.
 */
public final class RebindingDns extends HostResolver implements AutoCloseable {

    public static final String NAME = "localhost";
    private static final InetAddress CHECKED = address(127, 0, 0, 2);
    private static final InetAddress REBOUND = address(127, 0, 0, 1);

    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicInteger trapped = new AtomicInteger();
    private final ServerSocket trap;
    private final ServerSocket front;
    private final int targetPort;

    /** Reaches the server listening on 127.0.0.1:{@code targetPort} through the first answer only. */
    public RebindingDns(int targetPort) throws IOException {
        this.targetPort = targetPort;
        trap = new ServerSocket(0, 50, REBOUND);
        front = new ServerSocket(trap.getLocalPort(), 50, CHECKED);
        daemon(() -> {
            while (!trap.isClosed()) {
                try (Socket caught = trap.accept()) {
                    trapped.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
        daemon(this::forward);
    }

    /** The port of both addresses. */
    public int port() {
        return trap.getLocalPort();
    }

    /** Connections that reached the second answer's address. */
    public int trapped() {
        return trapped.get();
    }

    /** Look-ups of the name so far. */
    public int lookups() {
        return lookups.get();
    }

    @Override
    public List<InetAddress> resolve(String host, Duration timeout) throws UnknownHostException {
        if (!NAME.equals(host)) {
            return super.resolve(host, timeout);
        }
        return List.of(lookups.getAndIncrement() == 0 ? CHECKED : REBOUND);
    }

    @Override
    public void close() throws IOException {
        trap.close();
        front.close();
    }

    private void forward() {
        while (!front.isClosed()) {
            try {
                Socket client = front.accept();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(REBOUND, targetPort), 2000);
                daemon(() -> pipe(client, server));
                daemon(() -> pipe(server, client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // one side closed
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException e) {
                // closed already
            }
        }
    }

    private static void daemon(Runnable work) {
        Thread thread = new Thread(work, "rebinding-dns");
        thread.setDaemon(true);
        thread.start();
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(NAME, new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
