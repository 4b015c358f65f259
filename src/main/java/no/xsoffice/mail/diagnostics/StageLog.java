package no.xsoffice.mail.diagnostics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import no.xsoffice.mail.diagnostics.Stage.Failure;

/** The stages of one connection test as they are run, each timed from its start. */
final class StageLog {

    private final List<Stage> stages = new ArrayList<>();
    private long started;

    /** An exception's message without the Java class names some of them carry. */
    static String message(Throwable e) {
        return oneLine(String.valueOf(e.getMessage()).replaceAll("\\b([a-z][a-z0-9_]*\\.)+[A-Z]\\w*(Exception|Error):\\s*", ""));
    }

    /** Text as it may be shown: one printable line, bounded. */
    static String oneLine(String text) {
        String line = text == null ? "" : text.replaceAll("\\p{Cntrl}+", " ").strip();
        return line.length() > 500 ? line.substring(0, 500) + "…" : line;
    }

    List<Stage> stages() {
        return stages;
    }

    void begin() {
        started = System.nanoTime();
    }

    long elapsed() {
        return (System.nanoTime() - started) / 1_000_000;
    }

    boolean record(Stage stage) {
        stages.add(stage);
        return stage.ok();
    }

    boolean pass(String stage, String detail) {
        return record(Stage.passed(stage, elapsed(), detail));
    }

    boolean fail(String stage, Failure failure, String detail) {
        return record(Stage.failed(stage, elapsed(), failure, detail));
    }

    /** The test was stopped at its deadline: the stage it cut short failed for that reason, whatever it saw. */
    void stoppedAt(Duration deadline) {
        Stage last = stages.isEmpty() ? null : stages.get(stages.size() - 1);
        if (last != null && !last.ok()) {
            stages.set(stages.size() - 1, Stage.failed(last.stage(), last.ms(), Failure.TIMEOUT,
                    "The test was stopped: it may take " + deadline.toSeconds() + " s in all"));
        }
    }
}
