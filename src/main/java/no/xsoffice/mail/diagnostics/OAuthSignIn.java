package no.xsoffice.mail.diagnostics;

import no.xsoffice.mail.smtp.OAuthProvider;

/**
 * The OAuth side of a test that signs in with XOAUTH2: the provider, whether it is an organisation's
 * app-only sign-in, the sign-in's state as the settings show it (or UNAVAILABLE when the provider
 * could not give a token now), and the access token when there is one, else why not. The token goes
 * to the SMTP server and nowhere else.
 */
public record OAuthSignIn(OAuthProvider provider, boolean appOnly, String state, String accessToken, String problem) {

    public static final String UNAVAILABLE = "UNAVAILABLE";

    OAuthSignIn withToken(String token) {
        return new OAuthSignIn(provider, appOnly, state, token, null);
    }

    OAuthSignIn without(String why, String problem) {
        return new OAuthSignIn(provider, appOnly, why, null, problem);
    }

    @Override
    public String toString() {
        return "OAuthSignIn[" + provider + " " + state + "]";
    }
}
