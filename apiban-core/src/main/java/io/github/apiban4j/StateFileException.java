package io.github.apiban4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The state file cannot be read or written: it is a symbolic link, it is not a regular file, the
 * process lacks permission, or the disk refused a write. The message names the file, says what went
 * wrong and what happens next or what to do. A state file that is merely unparseable is not
 * reported this way: it is moved aside and the next run starts with a full resync.
 */
public class StateFileException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  public StateFileException(Path file, String message) {
    this(file, message, null);
  }

  public StateFileException(Path file, String message, Throwable cause) {
    super(message, cause);
    this.file = Objects.requireNonNull(file, "file");
  }

  /** The state file concerned. */
  public Path file() {
    return file;
  }
}
