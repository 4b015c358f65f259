package no.xsoffice.mail.security;

/** A user within an organisation: the key of every per-user setting. */
public record UserRef(String orgId, String userId) {

    /** Associated data that binds a ciphertext to this user's row. */
    public String bindingFor(String what) {
        return what + "/" + orgId + "/" + userId;
    }
}
