package no.xsoffice.mail.smtp;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/**
 * Reads a write-only {@code password} in its three states: left out is {@code null} (keep the stored one), JSON
 * {@code null} is {@link Optional#empty()} (clear it), a string is that password. Anything else is a 400 naming
 * the field. (Jackson's own {@code Optional} reads a left-out field as empty too, so it could not tell the first two
 * apart.)
 */
public class WriteOnlyPassword extends StdDeserializer<Optional<String>> {

    public WriteOnlyPassword() {
        super(Optional.class);
    }

    @Override
    public Optional<String> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return (Optional<String>) ctxt.handleUnexpectedToken(String.class, p);
        }
        return Optional.of(p.getText());
    }

    @Override
    public Optional<String> getNullValue(DeserializationContext ctxt) {
        return Optional.empty();
    }

    @Override
    public Object getAbsentValue(DeserializationContext ctxt) {
        return null;
    }
}
