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

    /**
     * Longest wait for an SMTP server's reply to EHLO, STARTTLS (and the TLS handshake), AUTH and RSET
     * ({@code MAIL_TRANSPORT_READ_TIMEOUT}; Postfix waits 300 s for these).
     */
    @WithDefault("5m")
    Duration readTimeout();

    /** Longest wait for a server's greeting, RFC 5321 4.5.3.2.1 ({@code MAIL_TRANSPORT_GREETING_TIMEOUT}). */
    @WithDefault("5m")
    Duration greetingTimeout();

    /** Longest wait for the reply to MAIL FROM, RFC 5321 4.5.3.2.2 ({@code MAIL_TRANSPORT_MAIL_TIMEOUT}). */
    @WithDefault("5m")
    Duration mailTimeout();

    /** Longest wait for the reply to each RCPT TO, RFC 5321 4.5.3.2.3 ({@code MAIL_TRANSPORT_RCPT_TIMEOUT}). */
    @WithDefault("5m")
    Duration rcptTimeout();

    /** Longest wait for the reply to DATA, RFC 5321 4.5.3.2.4 ({@code MAIL_TRANSPORT_DATA_TIMEOUT}). */
    @WithDefault("2m")
    Duration dataTimeout();

    /** Longest a block of the message may take to leave, RFC 5321 4.5.3.2.5 ({@code MAIL_TRANSPORT_DATA_BLOCK_TIMEOUT}). */
    @WithDefault("3m")
    Duration dataBlockTimeout();

    /**
     * Longest wait for the reply to the end of the message, RFC 5321 4.5.3.2.6: a content filter may take
     * minutes, and without the reply the outcome is unknown ({@code MAIL_TRANSPORT_END_OF_DATA_TIMEOUT}).
     */
    @WithDefault("10m")
    Duration endOfDataTimeout();

    /** Longest wait for the DNS answer for an SMTP server's name ({@code MAIL_TRANSPORT_DNS_TIMEOUT}). */
    @WithDefault("5s")
    Duration dnsTimeout();

    /**
     * Longest a connection test may take in all, however its server spreads out its answers; each of its
     * waits but the greeting's is also held to 5 s, and the greeting may take what is left
     * ({@code MAIL_TRANSPORT_CONNECTION_TEST_DEADLINE}).
     */
    @WithDefault("30s")
    Duration connectionTestDeadline();
}
