package no.xsoffice.mail.domain;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** How sending domains are checked again and how relay mail is authorised; the resolvers are {@code DnsConfig}'s. */
@ConfigMapping(prefix = "mail")
public interface SendingDomainConfig {

    /** XS Office's relay, as the sending domains see it. */
    @WithName("system")
    RelayDomains system();

    /** How often a registered domain is checked again. */
    @WithName("sending-domain")
    Recheck sendingDomain();

    interface RelayDomains {
        /** The relay's bounce domain, target of customers' return-path CNAME ({@code MAIL_SYSTEM_BOUNCE_DOMAIN}). */
        Optional<String> bounceDomain();

        /** Label of the return-path CNAME under a customer's domain ({@code MAIL_SYSTEM_RETURN_PATH_LABEL}). */
        @WithDefault("xsm")
        String returnPathLabel();

        /** The SPF include that authorises the relay ({@code MAIL_SYSTEM_SPF_INCLUDE}). */
        Optional<String> spfInclude();

        /** Rewrite unauthorised From addresses under DMARC quarantine or reject ({@code MAIL_SYSTEM_DMARC_REWRITE}). */
        @WithDefault("true")
        boolean dmarcRewrite();
    }

    interface Recheck {
        /** How long a check holds before the domain is checked again ({@code MAIL_SENDING_DOMAIN_RECHECK}). */
        @WithDefault("24h")
        Duration recheck();
    }
}
