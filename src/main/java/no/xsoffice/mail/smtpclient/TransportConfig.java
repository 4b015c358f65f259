package no.xsoffice.mail.smtpclient;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How this service reaches SMTP servers: which hosts it may dial, whom it trusts, how long it waits. */
@ConfigMapping(prefix = "mail.transport")
public interface TransportConfig {

    /** Lets user and organisation servers be private, loopback or link-local, on any port ({@code MAIL_TRANSPORT_ALLOW_PRIVATE_HOSTS}). */
    @WithDefault("false")
    boolean allowPrivateHosts();

    /** Path to a PEM file of certificates trusted in addition to the JVM's defaults ({@code MAIL_TRANSPORT_TRUST_CERTS}). */
    Optional<String> trustCerts();

    /** Longest wait for a TCP connection to an SMTP server ({@code MAIL_TRANSPORT_CONNECT_TIMEOUT}). */
    @WithDefault("10s")
    Duration connectTimeout();

    /** Longest silence from a connected SMTP server before the connection is dropped ({@code MAIL_TRANSPORT_READ_TIMEOUT}). */
    @WithDefault("30s")
    Duration readTimeout();

    /** Longest wait for the DNS answer for an SMTP server's name ({@code MAIL_TRANSPORT_DNS_TIMEOUT}). */
    @WithDefault("5s")
    Duration dnsTimeout();

    /**
     * Longest a connection test may take in all, however its server spreads out its answers; each of its
     * waits is also held to 5 s ({@code MAIL_TRANSPORT_CONNECTION_TEST_DEADLINE}).
     */
    @WithDefault("30s")
    Duration connectionTestDeadline();
}
