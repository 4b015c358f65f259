package no.xsoffice.mail.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.mailencoder.MailEncoder;
import no.xsoffice.mail.problem.ProblemException;
import no.xsoffice.mail.problem.Violations;
import no.xsoffice.mail.send.ComposeContext.SignatureText;
import no.xsoffice.mail.send.SendRequest.Attachment;

class MessageComposerTest {

    private static final Instant NOW = Instant.parse("2025-05-05T10:15:30Z");
    private static final SignatureText NEW_SIGNATURE = new SignatureText("Kari Nordmann\nXS Office AS",
            "<p><b>Kari Nordmann</b><br>XS Office AS</p>");
    private static final SignatureText REPLY_SIGNATURE = new SignatureText("Kari", null);

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    private final MessageComposer composer = new MessageComposer(ComposeLimits.DEFAULTS);

    // --- signatures ---------------------------------------------------------------------------------------------

    @Test
    void shouldAppendNewMessageSignatureAfterSeparatorLine() throws Exception {
        ComposedMessage composed = compose(composer, request(r -> {
            r.text = "Hei Ola,\n\nHer er tilbudet.\n";
            r.html = "<html><body><p>Hei Ola,</p></body></html>";
        }), context());

        assertEquals("Hei Ola,\n\nHer er tilbudet.\n\n-- \nKari Nordmann\nXS Office AS", text(composed));
        assertEquals("<html><body><p>Hei Ola,</p><div class=\"xs-signature\"><p><b>Kari Nordmann</b><br>XS Office AS</p>"
                + "</div></body></html>", html(composed));
    }

    @Test
    void shouldPlaceReplySignatureAboveQuotedText() throws Exception {
        ComposedMessage composed = compose(composer, request(r -> {
            r.kind = MessageKind.REPLY;
            r.text = "Takk, det passer.\n\nOn Mon, 5 May 2025, Ola <ola@example.com> wrote:\n> Passer tirsdag?\n";
            r.html = "<p>Takk, det passer.</p><blockquote><p>Passer tirsdag?</p></blockquote>";
        }), context());

        assertEquals("Takk, det passer.\n\n-- \nKari\n\nOn Mon, 5 May 2025, Ola <ola@example.com> wrote:\n> Passer tirsdag?",
                text(composed));
        assertEquals("<p>Takk, det passer.</p><div class=\"xs-signature\">Kari</div>"
                + "<blockquote><p>Passer tirsdag?</p></blockquote>", html(composed));
    }

    @Test
    void shouldPlaceForwardSignatureAboveOriginalMessage() throws Exception {
        ComposedMessage composed = compose(composer, request(r -> {
            r.kind = MessageKind.FORWARD;
            r.text = "Se under.\n-----Original Message-----\nFrom: Ola\n\nHei\n";
        }), context());

        assertEquals("Se under.\n\n-- \nKari\n\n-----Original Message-----\nFrom: Ola\n\nHei", text(composed));
    }

    @Test
    void shouldAppendReplySignatureWhenNothingIsQuoted() throws Exception {
        ComposedMessage composed = compose(composer, request(r -> {
            r.kind = MessageKind.REPLY;
            r.text = "Takk!";
            r.html = "<p>Takk!</p>";
        }), context());

        assertEquals("Takk!\n\n-- \nKari", text(composed));
        assertEquals("<p>Takk!</p><div class=\"xs-signature\">Kari</div>", html(composed));
    }

    @Test
    void shouldDeriveTextSignatureFromHtmlWhenOnlyHtmlIsStored() throws Exception {
        ComposeContext context = context(c -> c.newMessage = new SignatureText(null, "<p>Kari &amp; Co<br>Oslo</p>"));

        ComposedMessage composed = compose(composer, request(r -> r.text = "Hei"), context);

        assertEquals("Hei\n\n-- \nKari & Co\nOslo", text(composed));
    }

    @Test
    void shouldEscapeTextSignatureInHtmlPart() throws Exception {
        ComposeContext context = context(c -> c.replyForward = new SignatureText("Kari <kari@firma.no>\nXS & Co", null));

        ComposedMessage composed = compose(composer, request(r -> {
            r.kind = MessageKind.REPLY;
            r.html = "<p>Ja</p>";
        }), context);

        assertEquals("<p>Ja</p><div class=\"xs-signature\">Kari &lt;kari@firma.no&gt;<br>XS &amp; Co</div>",
                html(composed));
    }

    @Test
    void shouldLeaveOutSignatureWhenNotWanted() throws Exception {
        ComposedMessage composed = compose(composer, request(r -> {
            r.signature = false;
            r.text = "Hei";
            r.html = "<p>Hei</p>";
        }), context());

        assertEquals("Hei", text(composed));
        assertEquals("<p>Hei</p>", html(composed));
    }

    @Test
    void shouldAddNothingWhenNoSignatureIsStored() throws Exception {
        ComposedMessage composed = compose(composer, request(r -> r.text = "Hei"), context(c -> c.newMessage = null));

        assertEquals("Hei", text(composed));
    }

    @Test
    void shouldSendTextAndHtmlAsAlternatives() throws Exception {
        MimeMessage mime = mime(compose(composer, request(r -> r.html = "<p>Hei</p>"), context()));

        assertThat(mime.getContentType()).startsWith("multipart/alternative");
    }

    @Test
    void shouldSendCarriageReturnsAsLineBreaks() throws Exception {
        ComposedMessage composed = compose(composer, request(r -> r.text = "Linje 1\r\nLinje 2\rLinje 3"), context());

        assertThat(encode(composed)).doesNotContain("=0D");
        assertEquals("Linje 1\nLinje 2\nLinje 3\n\n-- \nKari Nordmann\nXS Office AS", text(composed));
    }

    // --- recipients and BCC -------------------------------------------------------------------------------------

    @Test
    void shouldSendDefaultBccInvisiblyButInEnvelope() throws Exception {
        ComposedMessage composed = compose(composer, request(r -> r.bcc = List.of("Sjef <sjef@firma.no>")),
                context(c -> c.defaultBcc = "arkiv@firma.no"));

        assertEquals(List.of("ola@example.com", "sjef@firma.no", "arkiv@firma.no"), composed.recipients());
        String encoded = encode(composed);
        assertThat(encoded).as(encoded).doesNotContainPattern("(?im)^bcc:");
        assertThat(encoded).doesNotContain("arkiv@firma.no");
        assertThat(encoded).doesNotContain("sjef@firma.no");
        assertNull(mime(composed).getRecipients(RecipientType.BCC));
    }

    @Test
    void shouldListEachEnvelopeRecipientOnceIgnoringCase() {
        ComposedMessage composed = compose(composer, request(r -> {
            r.to = List.of("Ola <ola@example.com>", "kari@example.com");
            r.cc = List.of("OLA@example.com");
            r.bcc = List.of("Kari@Example.com", "per@example.com");
        }), context(c -> c.defaultBcc = "ola@EXAMPLE.com"));

        assertEquals(List.of("ola@example.com", "kari@example.com", "per@example.com"), composed.recipients());
    }

    @Test
    void shouldWriteDisplayNamesOfToAndCc() throws Exception {
        MimeMessage mime = mime(compose(composer, request(r -> {
            r.to = List.of("\"Nordmann, Ola\" <ola@example.com>", "Per <per@example.com>");
            r.cc = List.of("Ærlige Åse <aase@example.com>");
        }), context()));

        InternetAddress[] to = (InternetAddress[]) mime.getRecipients(RecipientType.TO);
        assertEquals("Nordmann, Ola", to[0].getPersonal());
        assertEquals("ola@example.com", to[0].getAddress());
        assertEquals("Per", to[1].getPersonal());
        assertEquals("Ærlige Åse", ((InternetAddress) mime.getRecipients(RecipientType.CC)[0]).getPersonal());
    }

    // --- headers ------------------------------------------------------------------------------------------------

    @Test
    void shouldEncodeUtf8SubjectAndDisplayName() throws Exception {
        ComposedMessage composed = compose(composer, request(r -> {
            r.from = "Ærlige Åse <kari@firma.no>";
            r.subject = "Tilbud på løsning – æøå";
        }), context());

        MimeMessage mime = mime(composed);
        assertEquals("Tilbud på løsning – æøå", mime.getSubject());
        InternetAddress from = (InternetAddress) mime.getFrom()[0];
        assertEquals("Ærlige Åse", from.getPersonal());
        assertEquals("kari@firma.no", from.getAddress());
        assertEquals("kari@firma.no", composed.from());
    }

    @Test
    void shouldKeepWholeCharactersInEachEncodedWordOfLongSubject() throws Exception {
        String subject = "Møte om løsning – æøå € 😀 ".repeat(20).strip();

        ComposedMessage composed = compose(composer, request(r -> r.subject = subject), context());

        assertEquals(subject, mime(composed).getSubject());
        for (String line : encode(composed).split("\r?\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(78);
            if (line.contains("=?UTF-8?B?")) {
                String word = line.substring(line.indexOf("=?UTF-8?B?") + 10, line.lastIndexOf("?="));
                assertThat(new String(Base64.getDecoder().decode(word), StandardCharsets.UTF_8)).as(line)
                        .doesNotContain("\uFFFD");
            }
        }
    }

    @Test
    void shouldFoldLongAsciiSubject() throws Exception {
        String subject = "Tilbud ".repeat(100).strip();

        ComposedMessage composed = compose(composer, request(r -> r.subject = subject), context());

        assertEquals(subject, mime(composed).getSubject());
        assertThat(encode(composed).lines()).allMatch(line -> line.length() <= 78);
    }

    @Test
    void shouldAllowEmptySubject() throws Exception {
        ComposedMessage composed = compose(composer, request(r -> r.subject = null), context());

        assertEquals("", mime(composed).getSubject());
    }

    @Test
    void shouldWriteOneMessageIdOfOurOwnAndTheDate() throws Exception {
        ComposedMessage composed = compose(composer, request(r -> { }), context());

        assertThat(composed.messageId()).matches("<[0-9a-f-]{36}@mail\\.xsoffice\\.no>");
        MimeMessage mime = mime(composed);
        assertArrayEquals(new String[] { composed.messageId() }, mime.getHeader("Message-ID"));
        assertArrayEquals(new String[] { "Mon, 5 May 2025 10:15:30 +0000" }, mime.getHeader("Date"));
        assertEquals(1, mime.getHeader("Subject").length);
        assertEquals(1, mime.getHeader("From").length);
        assertEquals(1, mime.getHeader("To").length);
        assertNull(mime.getHeader("Cc"));
        assertNull(mime.getHeader("Reply-To"));
    }

    @Test
    void shouldWriteReplyHeaders() throws Exception {
        ComposedMessage composed = compose(composer, request(r -> {
            r.kind = MessageKind.REPLY;
            r.replyTo = "Post <post@firma.no>";
            r.inReplyTo = "<b2@mail.example.com>";
            r.references = List.of("<a1@mail.example.com>");
        }), context());

        MimeMessage mime = mime(composed);
        assertEquals("<b2@mail.example.com>", mime.getHeader("In-Reply-To", null));
        assertEquals(List.of("<a1@mail.example.com>", "<b2@mail.example.com>"),
                List.of(mime.getHeader("References", null).split("\\s+")));
        assertEquals("Post <post@firma.no>", mime.getReplyTo()[0].toString());
    }

    @Test
    void shouldNotRepeatInReplyToAlreadyInReferences() throws Exception {
        ComposedMessage composed = compose(composer, request(r -> {
            r.kind = MessageKind.FORWARD;
            r.inReplyTo = "<b2@mail.example.com>";
            r.references = List.of("<a1@mail.example.com>", "<b2@mail.example.com>");
        }), context());

        assertEquals(List.of("<a1@mail.example.com>", "<b2@mail.example.com>"),
                List.of(mime(composed).getHeader("References", null).split("\\s+")));
    }

    @Test
    void shouldLeaveThreadHeadersOutOfNewMessage() throws Exception {
        ComposedMessage composed = compose(composer, request(r -> r.inReplyTo = "<b2@mail.example.com>"), context());

        assertNull(mime(composed).getHeader("In-Reply-To"));
        assertNull(mime(composed).getHeader("References"));
    }

    // --- sender -------------------------------------------------------------------------------------------------

    @Test
    void shouldSendAsTokenEmailWithDisplayNameByDefault() throws Exception {
        ComposedMessage composed = compose(composer, request(r -> r.from = null), context());

        InternetAddress from = (InternetAddress) mime(composed).getFrom()[0];
        assertEquals("Kari Nordmann", from.getPersonal());
        assertEquals("kari@firma.no", from.getAddress());
        assertEquals("kari@firma.no", composed.from());
    }

    @Test
    void shouldAllowOrganisationSenderAddressInAnyCase() {
        ComposedMessage composed = compose(composer, request(r -> r.from = "Firma <POST@firma.no>"), context());

        assertEquals("POST@firma.no", composed.from());
    }

    @Test
    void shouldRejectSenderAddressTheUserMayNotUse() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> compose(composer, request(r -> r.from = "sjef@firma.no"), context()));

        assertEquals(422, e.status);
        assertEquals("urn:xs-mail:problem:from-not-allowed", e.type);
    }

    @Test
    void shouldRequireFromWhenTokenHasNoEmail() {
        assertInvalid("from", request(r -> r.from = null), context(c -> c.userEmail = null));
    }

    // --- validation ---------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "subject, 'Hei\nBcc: x@evil.example'",
            "subject, 'Hei\rthere'",
            "subject, 'Hei\u0000'",
            "from, 'kari@firma.no\r\nBcc: x@evil.example'",
            "to[1], 'Ola\n <ola@example.com>'",
            "cc[0], 'ola@example.com\r\n'",
            "bcc[0], 'ola@example.com\n'",
            "replyTo, 'post@firma.no\nBcc: x@evil.example'",
            "inReplyTo, '<a@b.c>\r\nBcc: x@evil.example'",
            "references[0], '<a@b.c>\n'",
            "attachments[0].filename, 'a.pdf\r\nContent-Type: text/html'",
            "attachments[0].contentType, 'application/pdf\nX-Evil: 1'",
    })
    void shouldRejectControlCharactersInHeaderField(String field, String value) {
        SendRequest request = request(r -> {
            r.kind = MessageKind.REPLY;
            switch (field) {
                case "subject" -> r.subject = value;
                case "from" -> r.from = value;
                case "to[1]" -> r.to = List.of("per@example.com", value);
                case "cc[0]" -> r.cc = List.of(value);
                case "bcc[0]" -> r.bcc = List.of(value);
                case "replyTo" -> r.replyTo = value;
                case "inReplyTo" -> r.inReplyTo = value;
                case "references[0]" -> r.references = List.of(value);
                case "attachments[0].filename" -> r.attachments = List.of(new Attachment(value, "application/pdf", b64("AAEC")));
                case "attachments[0].contentType" -> r.attachments = List.of(new Attachment("a.pdf", value, b64("AAEC")));
                default -> throw new IllegalArgumentException(field);
            }
        });

        ProblemException e = assertInvalid(field, request, context());
        assertThat(e.errors.get(0).message()).contains("control characters");
    }

    @Test
    void shouldRejectMessageWithoutRecipient() {
        assertInvalid("to", request(r -> r.to = List.of()), context(c -> c.defaultBcc = "arkiv@firma.no"));
    }

    @Test
    void shouldRejectInvalidAddress() {
        assertInvalid("cc[1]", request(r -> r.cc = List.of("per@example.com", "ola@")), context());
    }

    @Test
    void shouldNameEveryInvalidFieldAtOnce() {
        ProblemException e = assertThrows(ProblemException.class, () -> compose(composer, request(r -> {
            r.to = List.of("nobody");
            r.subject = "a\nb";
            r.text = null;
        }), context()));

        assertEquals(List.of("to[0]", "subject", "text"), e.errors.stream().map(f -> f.field()).toList());
    }

    @Test
    void shouldRejectTooManyRecipients() {
        MessageComposer strict = new MessageComposer(new ComposeLimits(2, ComposeLimits.DEFAULTS.maxBytes(), 20));

        ProblemException e = assertThrows(ProblemException.class, () -> compose(strict, request(r -> {
            r.to = List.of("a@example.com", "b@example.com");
            r.bcc = List.of("c@example.com");
        }), context()));

        assertEquals("to", e.errors.get(0).field());
    }

    @Test
    void shouldRejectTooManyAttachments() {
        MessageComposer strict = new MessageComposer(new ComposeLimits(100, ComposeLimits.DEFAULTS.maxBytes(), 1));

        ProblemException e = assertThrows(ProblemException.class, () -> compose(strict, request(r -> r.attachments = List.of(
                new Attachment("a.txt", "text/plain", b64("QQ==")), new Attachment("b.txt", "text/plain", b64("Qg==")))), context()));

        assertEquals("attachments", e.errors.get(0).field());
    }

    @Test
    void shouldRequireAttachmentContent() {
        assertInvalid("attachments[0].content",
                request(r -> r.attachments = List.of(new Attachment("a.pdf", "application/pdf", null))), context());
    }

    @Test
    void shouldRejectContentTypeThatIsNotAMimeType() {
        assertInvalid("attachments[0].contentType",
                request(r -> r.attachments = List.of(new Attachment("a.pdf", "pdf", b64("QQ==")))), context());
    }

    @Test
    void shouldRequireTextOrHtml() {
        ProblemException e = assertInvalid("text", request(r -> r.text = null), context());

        assertEquals("text or html is required", e.errors.get(0).message());
    }

    @Test
    void shouldRejectSubjectLongerThan998Characters() {
        assertInvalid("subject", request(r -> r.subject = "a".repeat(999)), context());
    }

    @Test
    void shouldRejectReferenceThatIsNotAMessageId() {
        assertInvalid("references[1]",
                request(r -> r.references = List.of("<a@example.com>", "a@example.com")), context());
    }

    @Test
    void shouldAnswer413WhenAttachmentsAreLargerThanTheLimit() {
        MessageComposer small = new MessageComposer(new ComposeLimits(100, 5_000, 20));

        ProblemException e = assertThrows(ProblemException.class, () -> compose(small, 
                request(r -> r.attachments = List.of(new Attachment("a.bin", null, new byte[5_001]))), context()));

        assertEquals(413, e.status);
        assertEquals("urn:xs-mail:problem:too-large", e.type);
        assertThat(e.getMessage()).contains("at most 5000 bytes");
    }

    @Test
    void shouldCountTheLimitAsTheSenderDoesNotAsEncoded() throws Exception {
        MessageComposer limited = new MessageComposer(new ComposeLimits(100, 20_000_000, 20));
        byte[] file = new byte[20_000_000 - 3];
        file[file.length - 1] = 42;

        ComposedMessage composed = compose(limited, request(r -> {
            r.text = "Hei";
            r.signature = false;
            r.attachments = List.of(new Attachment("stor.bin", null, file));
        }), context());

        assertThat(composed.sizeBytes()).as("base64 makes it larger").isGreaterThan(27_000_000);
        assertArrayEquals(file, bytes(((Multipart) mime(composed).getContent()).getBodyPart(1)));
    }

    @Test
    void shouldStoreTheMessageAsSentWithCrLfLineEnds() {
        ComposedMessage composed = compose(composer, request(r -> r.html = "<p>Hei</p>"), context());

        String encoded = encode(composed);
        assertEquals(composed.mime().length, composed.sizeBytes());
        assertThat(encoded).as("every line ends with CRLF").doesNotMatch("(?s).*[^\r]\n.*");
        assertThat(encoded).endsWith("\r\n");
    }

    // --- attachments and storage --------------------------------------------------------------------------------

    @Test
    void shouldKeepAttachmentBytesAndNames() throws Exception {
        byte[] pdf = { '%', 'P', 'D', 'F', 0, 1, 2, (byte) 0xff, (byte) 0x80 };
        ComposedMessage composed = compose(composer, request(r -> {
            r.html = "<p>Hei</p>";
            r.attachments = List.of(new Attachment("tilbud på løsning æøå.pdf", "application/pdf",
                    pdf), new Attachment("notes \"v2\".txt", null, new byte[0]));
        }), context());

        MimeMessage mime = mime(composed);
        assertThat(mime.getContentType()).startsWith("multipart/mixed");
        Multipart mixed = (Multipart) mime.getContent();
        assertEquals(3, mixed.getCount());
        assertThat(mixed.getBodyPart(0).getContentType()).startsWith("multipart/alternative");
        BodyPart file = mixed.getBodyPart(1);
        assertEquals("tilbud på løsning æøå.pdf", MimeUtility.decodeText(file.getFileName()));
        assertThat(file.getContentType()).startsWith("application/pdf");
        assertArrayEquals(pdf, bytes(file));
        assertEquals("notes \"v2\".txt", mixed.getBodyPart(2).getFileName());
        assertThat(mixed.getBodyPart(2).getContentType()).startsWith("application/octet-stream");
    }

    @Test
    void shouldEncodeAMessageStoredByAnEarlierVersionAsTheMessageItWas() throws Exception {
        byte[] pdf = { 0, 1, 2, 3, (byte) 0xfe, (byte) 0xff };
        MailMessage earlier = new MailMessage()
                .setFrom("kari@firma.no").setTo(List.of("ola@example.com")).setBcc(List.of("arkiv@firma.no"))
                .setSubject("Tilbud").setText("Hei\n")
                .setAttachment(List.of(MailAttachment.create().setContentType("application/pdf; name=tilbud.pdf")
                        .setDisposition("attachment; filename=tilbud.pdf").setData(Buffer.buffer(pdf))));
        earlier.setHeaders(MultiMap.caseInsensitiveMultiMap().set("Message-ID", "<a@mail.xsoffice.no>"));
        MailMessage stored = new MailMessage(new JsonObject(earlier.toJson().encode()));

        MimeMessage mime = parse(MimeBytes.of(new MailEncoder(stored, "mail.xsoffice.no").encodeMail(), List.of()));

        assertEquals("<a@mail.xsoffice.no>", mime.getMessageID());
        assertNull(mime.getHeader("Bcc"));
        Multipart parts = (Multipart) mime.getContent();
        assertEquals("tilbud.pdf", parts.getBodyPart(1).getFileName());
        assertArrayEquals(pdf, bytes(parts.getBodyPart(1)));
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    /** As the service composes: the request's own constraints named together with the composer's checks. */
    private static ComposedMessage compose(MessageComposer composer, SendRequest request, ComposeContext context) {
        return composer.compose(request, context, Violations.of(VALIDATOR, request));
    }

    private ProblemException assertInvalid(String field, SendRequest request, ComposeContext context) {
        ProblemException e = assertThrows(ProblemException.class, () -> compose(composer, request, context));
        assertEquals(400, e.status);
        assertEquals(List.of(field), e.errors.stream().map(f -> f.field()).toList(), e.getMessage());
        return e;
    }

    private static String encode(ComposedMessage composed) {
        return new String(composed.mime(), StandardCharsets.US_ASCII);
    }

    private static MimeMessage mime(ComposedMessage composed) throws Exception {
        return parse(composed.mime());
    }

    private static MimeMessage parse(byte[] bytes) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
    }

    private static byte[] b64(String base64) {
        return Base64.getDecoder().decode(base64);
    }

    private static String text(ComposedMessage composed) throws Exception {
        return part(mime(composed), "text/plain");
    }

    private static String html(ComposedMessage composed) throws Exception {
        return part(mime(composed), "text/html");
    }

    /** The body of the part of this type, without the line breaks Vert.x ends parts with. */
    private static String part(MimeMessage mime, String type) throws Exception {
        Object content = mime.isMimeType(type) ? mime.getContent() : null;
        Multipart alternative = content == null ? (Multipart) mime.getContent() : null;
        for (int i = 0; alternative != null && i < alternative.getCount(); i++) {
            if (alternative.getBodyPart(i).isMimeType(type)) {
                content = alternative.getBodyPart(i).getContent();
            }
        }
        return ((String) content).replace("\r\n", "\n").replaceAll("\n+$", "");
    }

    private static byte[] bytes(BodyPart part) throws Exception {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static SendRequest request(Consumer<RequestDraft> changes) {
        RequestDraft draft = new RequestDraft();
        changes.accept(draft);
        return new SendRequest(draft.from, draft.to, draft.cc, draft.bcc, draft.replyTo, draft.subject, draft.text,
                draft.html, draft.kind, draft.inReplyTo, draft.references, draft.signature, draft.attachments, null, null);
    }

    private static ComposeContext context() {
        return context(c -> { });
    }

    private static ComposeContext context(Consumer<ContextDraft> changes) {
        ContextDraft draft = new ContextDraft();
        changes.accept(draft);
        return new ComposeContext(draft.userEmail, "Kari Nordmann", Set.of("kari@firma.no", "post@firma.no"),
                draft.newMessage, draft.replyForward, draft.defaultBcc, "mail.xsoffice.no", NOW);
    }

    /** A request with sensible defaults, changed field by field in each test. */
    private static final class RequestDraft {
        String from = "kari@firma.no";
        List<String> to = List.of("Ola Nordmann <ola@example.com>");
        List<String> cc = new ArrayList<>();
        List<String> bcc = null;
        String replyTo;
        String subject = "Tilbud";
        String text = "Hei";
        String html;
        MessageKind kind;
        String inReplyTo;
        List<String> references;
        Boolean signature;
        List<Attachment> attachments;
    }

    private static final class ContextDraft {
        String userEmail = "kari@firma.no";
        SignatureText newMessage = NEW_SIGNATURE;
        SignatureText replyForward = REPLY_SIGNATURE;
        String defaultBcc;
    }
}
