package no.xsoffice.mail.signature;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import no.xsoffice.mail.http.ETags;
import no.xsoffice.mail.problem.Violations;
import no.xsoffice.mail.security.UserRef;

/** Reads and writes users' signatures. */
@ApplicationScoped
public class SignatureService {

    static final int MAX_LENGTH = 10_000;

    private final ETags etags;

    public SignatureService(ETags etags) {
        this.etags = etags;
    }

    /** A read: one query, outside any transaction. */
    public SignaturesBody get(UserRef user) {
        return Signature.findFor(user).map(SignaturesBody::of).orElse(SignaturesBody.NONE);
    }

    /** The stored signatures, for composing a message. */
    @Transactional
    public Optional<Signature> find(UserRef user) {
        return Signature.findFor(user);
    }

    @Transactional
    public SignaturesBody put(UserRef user, SignaturesBody request, String ifMatch) {
        Signature signature = Signature.lockFor(user).orElse(null);
        etags.requireMatch(ifMatch, signature == null ? SignaturesBody.NONE : SignaturesBody.of(signature));

        Violations violations = new Violations();
        SignaturesBody.Part newMessage = clean(request.newMessage(), "newMessage", violations);
        SignaturesBody.Part replyForward = clean(request.replyForward(), "replyForward", violations);
        violations.throwIfAny();

        if (signature == null) {
            signature = new Signature();
            signature.orgId = user.orgId();
            signature.userId = user.userId();
        }
        signature.newText = newMessage == null ? null : newMessage.text();
        signature.newHtml = newMessage == null ? null : newMessage.html();
        signature.replyText = replyForward == null ? null : replyForward.text();
        signature.replyHtml = replyForward == null ? null : replyForward.html();
        signature.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        signature.persist();
        return SignaturesBody.of(signature);
    }

    private static SignaturesBody.Part clean(SignaturesBody.Part part, String field, Violations violations) {
        if (part == null) {
            return null;
        }
        String text = blankToNull(part.text());
        String html = blankToNull(part.html());
        if (html != null) {
            html = blankToNull(SignatureHtml.sanitize(html));
        }
        if (text == null && html != null) {
            text = blankToNull(SignatureHtml.toText(html));
        }
        if (html != null) {
            // the text is derived from the HTML here, and a character reference such as &#0; becomes a NUL in it
            boolean noNul = violations.check(html.indexOf('\0') < 0 && (text == null || text.indexOf('\0') < 0),
                    field + ".html", "must not contain NUL, also not as a character reference (&#0;)");
            violations.check(!noNul || html.length() <= MAX_LENGTH, field + ".html", "must be at most " + MAX_LENGTH
                    + " characters as stored, once made safe (a < or & in text is stored as &lt; or &amp;); this one is "
                    + html.length());
        }
        return SignaturesBody.Part.of(text == null ? null : text.replace("\r\n", "\n"), html);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
