package no.xsoffice.mail.sentcopy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.ssl.SSLSocketFactory;

/**
 * TLS for a connection made to the address the SSRF guard checked: whatever host the mail library passes (the
 * address itself), the handshake names the server, so that SNI and the certificate's host name check use the name.
 * Only layering TLS over a connected socket is offered; the connection itself is never made here.
 */
final class NamedTls extends SSLSocketFactory {

    private final SSLSocketFactory tls;
    private final String name;

    NamedTls(SSLSocketFactory tls, String name) {
        this.tls = tls;
        this.name = name;
    }

    @Override
    public Socket createSocket(Socket connected, String host, int port, boolean autoClose) throws IOException {
        return tls.createSocket(connected, name, port, autoClose);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return tls.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return tls.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        throw unconnected();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw unconnected();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        throw unconnected();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        throw unconnected();
    }

    private static IOException unconnected() {
        return new IOException("TLS here is only layered over a connection to the checked address");
    }
}
