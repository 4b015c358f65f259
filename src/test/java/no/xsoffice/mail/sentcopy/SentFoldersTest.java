package no.xsoffice.mail.sentcopy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import no.xsoffice.mail.sentcopy.SentFolders.Listed;

class SentFoldersTest {

    private static Listed folder(String name, String... attributes) {
        return new Listed(name, List.of(attributes));
    }

    @Test
    void shouldPreferTheFolderMarkedSentOverTheNames() {
        assertEquals(Optional.of("[Gmail]/Sendt e-post"), SentFolders.choose(List.of(folder("Sent"),
                folder("[Gmail]/Sendt e-post", "\\HasNoChildren", "\\Sent"))));
    }

    @Test
    void shouldTakeTheFirstKnownNameInOrder() {
        assertEquals(Optional.of("Sent Items"), SentFolders.choose(List.of(folder("INBOX"), folder("Sent Messages"),
                folder("Sendte elementer"), folder("Sent Items"))));
        assertEquals(Optional.of("Sendte elementer"), SentFolders.choose(List.of(folder("INBOX"), folder("Sendte elementer"))));
        assertEquals(Optional.of("Inbox.Sent"), SentFolders.choose(List.of(folder("Inbox"), folder("Inbox.Sent"))));
    }

    @Test
    void shouldCreateSentWhenNoneExists() {
        assertEquals(Optional.empty(), SentFolders.choose(List.of(folder("INBOX"), folder("Drafts", "\\Drafts"))));
    }
}
