package no.xsoffice.mail.security;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import no.xsoffice.mail.problem.ProblemException;

/**
 * Who is calling, from the bearer token, and which data the call may touch: a {@code user}
 * their own, an {@code org-admin} or a {@code service} any user of the token's organisation.
 * Data of another organisation is answered as missing (404), never as forbidden.
 */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken jwt;

    @Inject
    UserDirectory directory;

    public String userId() {
        return jwt.getSubject();
    }

    public String orgId() {
        String org = jwt.getClaim("org");
        if (org == null || org.isBlank()) {
            throw ProblemException.forbidden("The token names no organisation (claim 'org')");
        }
        return org;
    }

    /** The caller's own address ("Min side – Min profil"), if the token carries one. */
    public String email() {
        return jwt.getClaim("email");
    }

    public String name() {
        return jwt.getClaim("name");
    }

    public boolean has(String role) {
        return jwt.getGroups() != null && jwt.getGroups().contains(role);
    }

    /** The user a {@code /users/{userId}} path names ({@code me} is the caller), if the caller may touch it. */
    public UserRef user(String pathUserId) {
        String org = orgId();
        String target = "me".equals(pathUserId) ? userId() : pathUserId;
        if (!Ids.valid(target)) {
            throw ProblemException.notFound("No such user");
        }
        UserRef user = new UserRef(org, target);
        if (target.equals(userId())) {
            directory.remember(new UserDirectory.Seen(user, email(), name()));
            return user;
        }
        List<String> seenIn = directory.organizationsOf(target);
        if (!seenIn.isEmpty() && !seenIn.contains(org)) {
            throw ProblemException.notFound("No such user in this organisation");
        }
        if (!has(Roles.ORG_ADMIN) && !has(Roles.SERVICE)) {
            if (seenIn.isEmpty()) {
                throw ProblemException.notFound("No such user in this organisation");
            }
            throw ProblemException.forbidden("A user may only read and change their own settings");
        }
        directory.remember(new UserDirectory.Seen(user, null, null));
        return user;
    }

    /**
     * The caller, when the path names them and they are already known here with what their token says:
     * a check that needs no database, so it may run on the I/O thread.
     */
    public Optional<UserRef> knownSelf(String pathUserId) {
        String org = jwt.getClaim("org");
        String self = userId();
        if (org == null || org.isBlank() || self == null || self.isBlank()
                || !("me".equals(pathUserId) || self.equals(pathUserId))) {
            return Optional.empty();
        }
        UserRef user = new UserRef(org, self);
        return directory.knows(new UserDirectory.Seen(user, email(), name())) ? Optional.of(user) : Optional.empty();
    }

    /** The organisation an {@code /organizations/{orgId}} path names, if the caller administers it. */
    public String organization(String pathOrgId) {
        String org = orgId();
        if (!org.equals(pathOrgId)) {
            throw ProblemException.notFound("No such organisation");
        }
        if (!has(Roles.ORG_ADMIN) && !has(Roles.SERVICE)) {
            throw ProblemException.forbidden("Only the organisation's administrators may do this");
        }
        return org;
    }
}
