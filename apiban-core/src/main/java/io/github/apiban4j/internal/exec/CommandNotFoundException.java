package io.github.apiban4j.internal.exec;

import java.util.Optional;

/** The program is missing, or not where the runner looks; the message says what to install. */
public final class CommandNotFoundException extends CommandException {
  private static final long serialVersionUID = 1L;

  private final String program;
  private final String debianPackage;

  CommandNotFoundException(String command, String program, String searched) {
    this(command, program, searched, DebianPackages.providing(program).orElse(null));
  }

  private CommandNotFoundException(String command, String program, String searched,
      String debianPackage) {
    super(command, "'" + program + "' not found in " + searched
        + (debianPackage == null ? "" : "; install it: apt-get install " + debianPackage));
    this.program = program;
    this.debianPackage = debianPackage;
  }

  /** The program that is missing. */
  public String program() {
    return program;
  }

  /** The Debian package that provides it, if known. */
  public Optional<String> debianPackage() {
    return Optional.ofNullable(debianPackage);
  }
}
