package no.xsoffice.mail.dns;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The resolvers this service asks, for sending domains, DMARC policies and MX records alike. */
@ConfigMapping(prefix = "mail.dns")
public interface DnsConfig {

    /** Resolvers, {@code host:port,…}; unset: the system's ({@code MAIL_DNS_SERVERS}). */
    Optional<List<String>> servers();

    /** Time to wait for one resolver's answer ({@code MAIL_DNS_TIMEOUT}). */
    @WithDefault("3s")
    Duration timeout();
}
