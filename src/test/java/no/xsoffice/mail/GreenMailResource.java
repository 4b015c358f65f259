package no.xsoffice.mail;

import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP and IMAP server for the tests, on dynamic ports: plain SMTP (XS Office's relay in tests) and
 * implicit TLS with a certificate for localhost that the service trusts through
 * {@code MAIL_TRANSPORT_TRUST_CERTS}; IMAP plain (it offers no STARTTLS) and IMAPS with the same certificate,
 * for the copy in the Sent folder. Users set on it are checked on AUTH and LOGIN (a wrong password is a 535, a NO).
 */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    private GreenMail greenMail;

    @Override
    public Map<String, String> start() {
        System.setProperty("greenmail.tls.keystore.file", "src/test/resources/tls/localhost.p12");
        System.setProperty("greenmail.tls.keystore.password", "changeit");
        greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS) });
        greenMail.start();
        return Map.of(
                "mail.system.smtp.host", "127.0.0.1",
                "mail.system.smtp.port", String.valueOf(greenMail.getSmtp().getPort()),
                "mail.system.smtp.security", "NONE",
                "mail.system.smtp.from", "bounce@mail.xs-office.no");
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(greenMail,
                new TestInjector.AnnotatedAndMatchesType(InjectGreenMail.class, GreenMail.class));
    }
}
