package io.github.apiban4j.internal.state;

import io.github.apiban4j.StateFileException;
import io.github.apiban4j.StateLockedException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A second process for the state file tests: {@code lock PATH} takes the lock, prints
 * {@code locked PID true} and holds it until its stdin ends; {@code try-lock}, {@code save} (the small
 * sample) and {@code load} print one line with the outcome and exit.
 */
public final class StateFileTool {
  private StateFileTool() {}

  public static void main(String[] args) throws Exception {
    StateFile file = new StateFile(Path.of(args[1]));
    if (args[0].equals("lock")) {
      try (StateLock lock = file.lock()) {
        System.out.println("locked " + ProcessHandle.current().pid() + " " + lock.isHeld());
        System.out.flush();
        while (System.in.read() != -1) {
          // hold the lock until the test closes our stdin
        }
      }
      return;
    }
    System.out.println(run(args[0], file));
  }

  /** Runs a one-shot command and describes its outcome in one line. */
  static String run(String command, StateFile file) throws IOException {
    try {
      switch (command) {
        case "try-lock" -> {
          try (StateLock lock = file.lock()) {
            return lock.isHeld() ? "locked" : "lock not held";
          }
        }
        case "save" -> {
          file.save(StateSamples.small());
          return "saved";
        }
        case "load" -> {
          return "loaded " + file.load().getClass().getSimpleName();
        }
        default -> throw new IllegalArgumentException(command);
      }
    } catch (StateLockedException e) {
      return "refused pid=" + e.holderPid().orElse(-1) + " " + e.getMessage();
    } catch (StateFileException e) {
      return "StateFileException: " + e.getMessage();
    }
  }
}
