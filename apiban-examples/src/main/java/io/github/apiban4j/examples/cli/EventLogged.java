package io.github.apiban4j.examples.cli;

import java.io.IOException;

/**
 * A command's resolved settings and its event log (to {@code --log FILE}, or nowhere), closed
 * together.
 *
 * @param settings the resolved settings
 * @param log the event log
 */
record EventLogged(Settings settings, EventLog log) implements AutoCloseable {

  static EventLogged open(CommonOptions options, CliContext context)
      throws ConfigException, IOException {
    Settings settings = Settings.resolve(options, context);
    EventLog log = settings.log().isPresent()
        ? EventLog.toFile(settings.log().get(), context.clock()) : EventLog.none();
    return new EventLogged(settings, log);
  }

  @Override
  public void close() {
    log.close();
  }
}
